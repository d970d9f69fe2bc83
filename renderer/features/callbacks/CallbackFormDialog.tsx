import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_REASONS } from '../../../shared/contract/callback-schemas';
import { DEFAULT_TIME_ZONE } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { refusalKeyOf, wallToUtc, type AssigneeChoice } from '../../state/callback-rules';
import { useAppStore } from '../../state/store-context';
import { useErrorText, validationKeyOf } from '../../ui/messages';
import { dialogKeyHandler } from '../../ui/dialog-keys';
import { customerTime } from './callback-text';

const P = 'callback-form';
const OTHER = '__other__';
/** Zones a travel desk hears from most; any IANA name can be typed. */
const COMMON_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Bangkok',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'America/Toronto',
  'Australia/Sydney',
] as const;

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  const refusal = refusalKeyOf(error);
  return (
    <p id={id} className="field-error" role="alert">
      {refusal ? t(refusal) : t(validationKeyOf(error))}
    </p>
  );
}

/** The agent's own clock for a wall time typed in the customer's zone. */
function AgentClock({ value, zone }: { value: string; zone: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat(DEFAULT_TIME_ZONE);
  const at = wallToUtc(value, zone);
  if (at === null) return null;
  return (
    <span className="field-hint">
      {t('callbacks.form.agentTime', { time: f.dateTime(at) })}
      {zone !== DEFAULT_TIME_ZONE && customerTime(at, zone, i18n.language) ? ` · ${customerTime(at, zone, i18n.language)}` : ''}
    </span>
  );
}

/** New callback: from the card (B) or the profile. The window is typed in the customer's zone. */
export function CallbackFormDialog() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useAppStore((s) => s.callbackForm);
  const directory = useAppStore((s) => s.agentDirectory);
  const myId = useAppStore((s) => s.session?.agent.id ?? null);
  const callbackFormEdited = useAppStore((s) => s.callbackFormEdited);
  const callbackFormSubmitted = useAppStore((s) => s.callbackFormSubmitted);
  const callbackFormClosed = useAppStore((s) => s.callbackFormClosed);
  const dialogRef = useRef<HTMLDivElement>(null);
  const firstRef = useRef<HTMLSelectElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const open = form !== null;

  useEffect(() => {
    if (!open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    firstRef.current?.focus();
    return () => returnTo.current?.focus();
  }, [open]);

  // A refusal: the keyboard goes to the field it is about.
  const errors = form?.draft.errors;
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) dialogRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  if (!form) return null;
  const d = form.draft;
  const e = d.errors;
  const saving = form.status === 'saving';
  const windowError = e.start ?? e.end ?? e.timeZone;

  const onKeyDown = dialogKeyHandler(dialogRef, callbackFormClosed);

  const windowErrorId = `${P}-window-error`;
  const invalid = (on: unknown) => (on ? true : undefined);
  const others = directory?.agents.filter((a) => a.id !== myId) ?? [];

  return (
    <div className="dialog-backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${P}-title`} aria-busy={saving} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={`${P}-title`}>{d.customerName ? t('callbacks.form.titleFor', { name: d.customerName }) : t('callbacks.form.title')}</h2>
        <form
          className="cti-form"
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            void callbackFormSubmitted();
          }}
        >
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${P}-phone`}>{t('callbacks.form.phone')}</label>
              <select
                id={`${P}-phone`}
                ref={firstRef}
                value={d.phone === '' ? OTHER : d.phone}
                aria-invalid={invalid(e.phone && d.phone !== '')}
                onChange={(ev) => callbackFormEdited({ phone: ev.target.value === OTHER ? '' : ev.target.value })}
              >
                {d.numbers.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
                <option value={OTHER}>{t('callbacks.form.otherPhone')}</option>
              </select>
              {d.phone !== '' && <ErrorText id={`${P}-phone-error`} error={e.phone} />}
            </div>
            {d.phone === '' && (
              <div className="field">
                <label htmlFor={`${P}-other`}>{t('callbacks.form.otherPhoneLabel')}</label>
                <input
                  id={`${P}-other`}
                  type="tel"
                  autoComplete="off"
                  value={d.otherPhone}
                  aria-invalid={invalid(e.phone)}
                  aria-describedby={e.phone ? `${P}-other-error` : undefined}
                  onChange={(ev) => callbackFormEdited({ otherPhone: ev.target.value })}
                />
                <ErrorText id={`${P}-other-error`} error={e.phone} />
              </div>
            )}
            <div className="field">
              <label htmlFor={`${P}-reason`}>{t('callbacks.form.reason')}</label>
              <select id={`${P}-reason`} value={d.reason} onChange={(ev) => callbackFormEdited({ reason: ev.target.value as (typeof CALLBACK_REASONS)[number] })}>
                {CALLBACK_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`call.callbackReason.${r}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <fieldset className="callback-window-fields" aria-describedby={windowError ? windowErrorId : `${P}-window-hint`}>
            <legend>{t('callbacks.form.window')}</legend>
            <p id={`${P}-window-hint`} className="field-hint">
              {t('callbacks.form.windowHint')}
            </p>
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`${P}-zone`}>{t('callbacks.form.zone')}</label>
                <input
                  id={`${P}-zone`}
                  type="text"
                  list={`${P}-zones`}
                  autoComplete="off"
                  value={d.timeZone}
                  aria-invalid={invalid(e.timeZone)}
                  onChange={(ev) => callbackFormEdited({ timeZone: ev.target.value })}
                />
                <datalist id={`${P}-zones`}>
                  {COMMON_ZONES.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </div>
              <div className="field">
                <label htmlFor={`${P}-start`}>{t('callbacks.form.start')}</label>
                <input
                  id={`${P}-start`}
                  type="datetime-local"
                  value={d.start}
                  aria-invalid={invalid(e.start)}
                  aria-describedby={windowError ? windowErrorId : undefined}
                  onChange={(ev) => callbackFormEdited({ start: ev.target.value })}
                />
                <AgentClock value={d.start} zone={d.timeZone} />
              </div>
              <div className="field">
                <label htmlFor={`${P}-end`}>{t('callbacks.form.end')}</label>
                <input
                  id={`${P}-end`}
                  type="datetime-local"
                  value={d.end}
                  aria-invalid={invalid(e.end)}
                  aria-describedby={windowError ? windowErrorId : undefined}
                  onChange={(ev) => callbackFormEdited({ end: ev.target.value })}
                />
                <AgentClock value={d.end} zone={d.timeZone} />
              </div>
            </div>
            <ErrorText id={windowErrorId} error={windowError} />
          </fieldset>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${P}-priority`}>{t('callbacks.form.priority')}</label>
              <select id={`${P}-priority`} value={d.priority} onChange={(ev) => callbackFormEdited({ priority: Number(ev.target.value) as 1 | 2 | 3 })}>
                {([1, 2, 3] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`callbacks.priority.${p}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${P}-assignee`}>{t('callbacks.form.assignee')}</label>
              <select id={`${P}-assignee`} value={d.assignee} aria-invalid={invalid(e.assignee)} onChange={(ev) => callbackFormEdited({ assignee: ev.target.value as AssigneeChoice })}>
                <option value="me">{t('callbacks.form.me')}</option>
                {others.map((a) => (
                  <option key={a.id} value={`agent:${a.id}`}>
                    {a.name}
                  </option>
                ))}
                {directory?.teams.map((team) => (
                  <option key={team.id} value={`team:${team.id}`}>
                    {t('callbacks.teamQueue', { team: team.name })}
                  </option>
                ))}
              </select>
              <ErrorText id={`${P}-assignee-error`} error={e.assignee} />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${P}-note`}>{t('callbacks.form.note')}</label>
            <textarea id={`${P}-note`} rows={2} maxLength={500} value={d.note} aria-invalid={invalid(e.note)} onChange={(ev) => callbackFormEdited({ note: ev.target.value })} />
            <ErrorText id={`${P}-note-error`} error={e.note} />
          </div>
          {form.failure && (
            <p className="message message-error" role="alert">
              {t('callbacks.form.failed', { message: errorText(form.failure) })}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? t('callbacks.form.saving') : t('callbacks.form.save')}
            </button>
            <button type="button" className="button" disabled={saving} onClick={callbackFormClosed}>
              {t('callbacks.form.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
