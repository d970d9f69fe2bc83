import { useEffect, useRef, useState } from 'react';
import type { CallError } from '../../../shared/contract/result';
import { WallboardSettings } from '../../../shared/contract/wallboard-schemas';
import { SERVICE_LEVEL_FORMULAS } from '../../../shared/domain/wallboard/types';
import { useAppStore, useAppStoreApi } from '../../state/store-context';
import { dialogKeyHandler } from '../../ui/dialog-keys';
import { useErrorText } from '../../ui/messages';
import { useWallboardText } from './wallboard-text';

type Form = {
  thresholdS: string;
  targetPct: string;
  graceS: string;
  formula: WallboardSettings['serviceLevelFormula'];
  waitingAbove: string;
  slAlertPct: string;
  complaintSla: string;
  branchSilent: string;
  callbackOverdue: boolean;
};

const str = (n: number | null) => (n === null ? '' : String(n));
const toForm = (s: WallboardSettings): Form => ({
  thresholdS: str(s.serviceLevelThresholdS),
  targetPct: str(s.serviceLevelTargetPct),
  graceS: str(s.shortAbandonGraceS),
  formula: s.serviceLevelFormula,
  waitingAbove: str(s.alerts.waitingAbove),
  slAlertPct: str(s.alerts.serviceLevelTargetPct),
  complaintSla: str(s.alerts.complaintSlaBreachedAbove),
  branchSilent: str(s.alerts.branchSilentMinutes),
  callbackOverdue: s.alerts.callbackOverdue,
});
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const optional = (v: string) => (v.trim() === '' ? null : Number(v));

/** Supervisors: the service level's threshold, target, short-abandon grace and formula (each explained), and the alert thresholds. */
export function WallboardSettingsDialog() {
  const open = useAppStore((s) => s.wallboardSettingsOpen);
  if (!open) return null;
  return <SettingsDialog />;
}

function SettingsDialog() {
  const { t, tt, definition } = useWallboardText();
  const errorText = useErrorText();
  const store = useAppStoreApi();
  const loadedSettings = useAppStore((s) => s.wallboardSettings);
  const loadError = loadedSettings?.status === 'error' ? loadedSettings.error : null;
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<CallError | null>(null);
  const [saving, setSaving] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const close = () => void store.getState().wallboardSettingsOpened(false);

  useEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    return () => back?.focus();
  }, []);

  const answered = loadedSettings?.settings ?? null;
  useEffect(() => {
    if (answered) setForm((f) => f ?? toForm(answered));
  }, [answered]);

  const loaded = form !== null;
  useEffect(() => {
    if (loaded) dialogRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, [loaded]);

  const submit = async () => {
    if (!form) return;
    const candidate = {
      serviceLevelThresholdS: num(form.thresholdS),
      serviceLevelTargetPct: num(form.targetPct),
      shortAbandonGraceS: num(form.graceS),
      serviceLevelFormula: form.formula,
      alerts: {
        waitingAbove: optional(form.waitingAbove),
        serviceLevelTargetPct: optional(form.slAlertPct),
        complaintSlaBreachedAbove: optional(form.complaintSla),
        branchSilentMinutes: optional(form.branchSilent),
        callbackOverdue: form.callbackOverdue,
      },
    };
    const parsed = WallboardSettings.safeParse(candidate);
    if (!parsed.success) {
      const e: Record<string, string> = {};
      for (const issue of parsed.error.issues) e[issue.path.map(String).join('.')] ??= 'wallboard.settings.invalid';
      setErrors(e);
      requestAnimationFrame(() => dialogRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setSaving(true);
    const r = await store.getState().wallboardSettingsSaved(parsed.data);
    setSaving(false);
    if (!r.ok) {
      const fields = Object.fromEntries(Object.entries(r.error.fields ?? {}).map(([k]) => [k.replace(/^settings\./, ''), 'wallboard.settings.invalid']));
      setErrors(fields);
      setFailure(Object.keys(fields).length ? null : r.error);
    }
  };

  const field = (id: string, path: string, labelKey: string, value: string, onChange: (v: string) => void, hintKey?: string) => (
    <div className="form-field">
      <label htmlFor={`wb-settings-${id}`}>{tt(labelKey)}</label>
      <input
        id={`wb-settings-${id}`}
        type="number"
        inputMode="decimal"
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={`wb-settings-${id}-hint`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`wb-settings-${id}-hint`} className={errors[path] ? 'field-error' : 'field-hint'}>
        {errors[path] ? t('wallboard.settings.invalid') : hintKey ? tt(hintKey) : ''}
      </p>
    </div>
  );

  const preview = form
    ? (f: Form['formula']) =>
        definition({
          serviceLevelThresholdS: Number(form.thresholdS) || 0,
          serviceLevelTargetPct: Number(form.targetPct) || 0,
          shortAbandonGraceS: Number(form.graceS) || 0,
          serviceLevelFormula: f,
          alerts: { waitingAbove: null, serviceLevelTargetPct: null, complaintSlaBreachedAbove: null, branchSilentMinutes: null, callbackOverdue: false },
        })
    : null;

  return (
    <div className="dialog-backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="wb-settings-title" tabIndex={-1} onKeyDown={dialogKeyHandler(dialogRef, close)}>
        <h2 id="wb-settings-title">{t('wallboard.settings.title')}</h2>
        {loadError ? (
          <p className="message message-error" role="alert">
            {t('wallboard.settings.loadFailed', { message: errorText(loadError) })}
          </p>
        ) : !form || !preview ? (
          <p role="status">{t('wallboard.settings.loading')}</p>
        ) : (
          <form
            noValidate
            onSubmit={(ev) => {
              ev.preventDefault();
              void submit();
            }}
          >
            <fieldset>
              <legend>{t('wallboard.settings.serviceLevel')}</legend>
              {field('threshold', 'serviceLevelThresholdS', 'wallboard.settings.thresholdS', form.thresholdS, (v) => setForm({ ...form, thresholdS: v }), 'wallboard.settings.thresholdHint')}
              {field('target', 'serviceLevelTargetPct', 'wallboard.settings.targetPct', form.targetPct, (v) => setForm({ ...form, targetPct: v }), 'wallboard.settings.targetHint')}
              {field('grace', 'shortAbandonGraceS', 'wallboard.settings.graceS', form.graceS, (v) => setForm({ ...form, graceS: v }), 'wallboard.settings.graceHint')}
            </fieldset>
            <fieldset>
              <legend>{t('wallboard.settings.formula')}</legend>
              {SERVICE_LEVEL_FORMULAS.map((f) => (
                <div key={f} className="radio-option">
                  <label>
                    <input type="radio" name="wb-formula" value={f} checked={form.formula === f} onChange={() => setForm({ ...form, formula: f })} aria-describedby={`wb-formula-${f}`} />{' '}
                    {t(`wallboard.settings.formulaName.${f}`)}
                  </label>
                  <p id={`wb-formula-${f}`} className="field-hint">
                    {preview(f).text}
                  </p>
                </div>
              ))}
              <p className="field-hint">{preview(form.formula).shortAbandon}</p>
            </fieldset>
            <fieldset>
              <legend>{t('wallboard.settings.alerts')}</legend>
              {field('waiting', 'alerts.waitingAbove', 'wallboard.settings.waitingAbove', form.waitingAbove, (v) => setForm({ ...form, waitingAbove: v }), 'wallboard.settings.emptyDisables')}
              {field('sl-alert', 'alerts.serviceLevelTargetPct', 'wallboard.settings.slAlertPct', form.slAlertPct, (v) => setForm({ ...form, slAlertPct: v }), 'wallboard.settings.emptyDisables')}
              {field('complaint-sla', 'alerts.complaintSlaBreachedAbove', 'wallboard.settings.complaintSla', form.complaintSla, (v) => setForm({ ...form, complaintSla: v }), 'wallboard.settings.emptyDisables')}
              {field('branch-silent', 'alerts.branchSilentMinutes', 'wallboard.settings.branchSilent', form.branchSilent, (v) => setForm({ ...form, branchSilent: v }), 'wallboard.settings.emptyDisables')}
              <label>
                <input type="checkbox" checked={form.callbackOverdue} onChange={(e) => setForm({ ...form, callbackOverdue: e.target.checked })} /> {t('wallboard.settings.callbackOverdue')}
              </label>
            </fieldset>
            {failure && (
              <p className="message message-error" role="alert">
                {t('wallboard.settings.failed', { message: errorText(failure) })}
              </p>
            )}
            <div className="dialog-actions">
              <button type="submit" className="button button-primary" disabled={saving}>
                {t('wallboard.settings.save')}
              </button>
              <button type="button" className="button" onClick={close} disabled={saving}>
                {t('wallboard.settings.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
