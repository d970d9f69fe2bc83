import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallMatch } from '../../../shared/contract/call-schemas';
import { useFormat } from '../../i18n/use-format';
import { useAppStore } from '../../state/store-context';
import { TierBadge } from '../../ui/TierBadge';
import { candidateIdOf, domIdOf } from './ids';

type Candidates = Extract<CallMatch, { kind: 'choose' }>['candidates'];

/** Several customers share the number: a listbox ranked as the core sent it; ↑ ↓ Home End move, Enter picks. */
export function CandidateChooser({ callId, candidates }: { callId: string; candidates: Candidates }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const index = useAppStore((s) => s.chooserIndex[callId] ?? 0);
  const pending = useAppStore((s) => s.callPending[callId]?.choose === true);
  const candidateHighlighted = useAppStore((s) => s.candidateHighlighted);
  const candidateHighlightMoved = useAppStore((s) => s.candidateHighlightMoved);
  const candidateChosen = useAppStore((s) => s.candidateChosen);
  const hintId = `call-${domIdOf(callId)}-chooser-hint`;
  const active = candidates[index];

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
    switch (e.key) {
      case 'ArrowDown':
        candidateHighlightMoved(callId, 1);
        break;
      case 'ArrowUp':
        candidateHighlightMoved(callId, -1);
        break;
      case 'Home':
        candidateHighlighted(callId, 0);
        break;
      case 'End':
        candidateHighlighted(callId, candidates.length - 1);
        break;
      case 'Enter':
        void candidateChosen(callId);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="call-chooser">
      <p id={hintId} className="muted small">
        {pending ? t('call.choose.choosing') : t('call.choose.hint')}
      </p>
      <div
        role="listbox"
        className="chooser-list"
        aria-label={t('call.choose.label')}
        aria-describedby={hintId}
        aria-activedescendant={active ? candidateIdOf(callId, active.id) : undefined}
        aria-busy={pending}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-call-focus=""
      >
        {candidates.map((c, i) => (
          <div
            key={c.id}
            id={candidateIdOf(callId, c.id)}
            role="option"
            aria-selected={i === index}
            className={`chooser-row${i === index ? ' is-active' : ''}`}
            onMouseMove={() => {
              if (i !== index) candidateHighlighted(callId, i);
            }}
            onClick={() => {
              candidateHighlighted(callId, i);
              void candidateChosen(callId, c.id);
            }}
          >
            <div className="result-line">
              <span className="result-name">{c.name}</span>
              <TierBadge tier={c.tier} />
              {c.kind === 'organisation' && <span className="badge">{t('enum.kind.organisation')}</span>}
            </div>
            <div className="result-line result-sub">
              {c.memberNo && <span>{t('search.memberNo', { no: c.memberNo })}</span>}
              {c.city && <span>{c.city}</span>}
              <span className="result-matched">
                {c.lastContactAt !== null ? t('call.choose.lastContact', { time: fmt.date(c.lastContactAt) }) : t('call.choose.never')}
              </span>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
