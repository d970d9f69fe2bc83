import { useTranslation } from 'react-i18next';
import type { CallMatch } from '../../../shared/contract/call-schemas';
import { GENDERS, LANGUAGES } from '../../../shared/contract/customer-schemas';
import { formatClock } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { emptyQuickCreate } from '../../state/call-rules';
import { useAppStore } from '../../state/store-context';
import { SelectField, TextField } from '../customer-profile/fields';
import { domIdOf, quickCreatePrefixOf } from './ids';

type EarlierCalls = Extract<CallMatch, { kind: 'unknown' }>['earlierCalls'];
const OUTCOMES = ['missed', 'answered', 'abandoned'] as const;
const isKnownOutcome = (o: string): o is (typeof OUTCOMES)[number] => (OUTCOMES as readonly string[]).includes(o);
const EMPTY = emptyQuickCreate();

/** Nobody has this number: what earlier calls from it looked like, and a quick-create form. */
export function UnknownCaller({ callId, earlierCalls }: { callId: string; earlierCalls: EarlierCalls }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const draft = useAppStore((s) => s.quickCreates[callId] ?? EMPTY);
  const pending = useAppStore((s) => s.callPending[callId]?.create === true);
  const quickCreateEdited = useAppStore((s) => s.quickCreateEdited);
  const unknownCallerCreated = useAppStore((s) => s.unknownCallerCreated);
  const prefix = quickCreatePrefixOf(callId);
  const titleId = `call-${domIdOf(callId)}-create-title`;
  const e = draft.errors;

  return (
    <div className="call-unknown">
      <div className="call-section">
        <h3 className="call-section-title">{t('call.unknown.earlier')}</h3>
        {earlierCalls.length === 0 ? (
          <p className="muted">{t('call.unknown.noEarlier')}</p>
        ) : (
          <ol className="call-list">
            {earlierCalls.map((c, i) => (
              <li key={`${c.at}-${i}`}>
                <time dateTime={new Date(c.at).toISOString()}>{fmt.dateTime(c.at)}</time>
                {c.outcome && <span className="muted"> · {isKnownOutcome(c.outcome) ? t(`call.outcome.${c.outcome}`) : c.outcome}</span>}
                {c.durationS !== null && <span className="muted"> · {t('call.unknown.earlierDuration', { time: formatClock(c.durationS) })}</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
      <form
        className="call-section quick-create"
        aria-labelledby={titleId}
        aria-busy={pending}
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          void unknownCallerCreated(callId);
        }}
      >
        <h3 id={titleId} className="call-section-title">
          {t('call.unknown.createTitle')}
        </h3>
        <div className="quick-create-grid">
          <TextField
            idPrefix={prefix}
            path="name"
            label={t('call.unknown.fields.name')}
            value={draft.name}
            error={e.name}
            required
            onChange={(name) => quickCreateEdited(callId, { name })}
          />
          <SelectField
            idPrefix={prefix}
            path="gender"
            label={t('call.unknown.fields.gender')}
            value={draft.gender}
            options={GENDERS}
            labelOf={(v) => t(`enum.gender.${v}`)}
            error={e.gender}
            onChange={(gender) => gender && quickCreateEdited(callId, { gender })}
          />
          <SelectField
            idPrefix={prefix}
            path="language"
            label={t('call.unknown.fields.language')}
            value={draft.language}
            options={LANGUAGES}
            labelOf={(v) => t(`enum.language.${v}`)}
            error={e.language}
            onChange={(language) => language && quickCreateEdited(callId, { language })}
          />
          <TextField
            idPrefix={prefix}
            path="city"
            label={t('call.unknown.fields.city')}
            value={draft.city}
            error={e.city}
            onChange={(city) => quickCreateEdited(callId, { city })}
          />
        </div>
        <div className="quick-create-actions">
          <button type="submit" className="button button-primary" disabled={pending}>
            {pending ? t('call.unknown.creating') : t('call.unknown.create')}
          </button>
          <span className="muted small">{t('call.unknown.phoneNote')}</span>
        </div>
      </form>
    </div>
  );
}
