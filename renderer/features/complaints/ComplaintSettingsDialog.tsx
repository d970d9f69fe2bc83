import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintSettings } from '../../../shared/contract/complaint-schemas';
import { SEVERITIES, STEP_NUMBERS } from '../../../shared/domain/complaint-flow';
import type { CallError } from '../../../shared/contract/result';
import { centsToInput, inputToCents } from '../../state/complaint-forms';
import { useAppStore } from '../../state/store-context';
import { dialogKeyHandler } from '../../ui/dialog-keys';
import { useErrorText } from '../../ui/messages';
import { complaintStepKey } from '../screen-pop/complaint-steps';
import { useFieldMessage } from './fields';

type Form = { sla: Record<string, string[]>; threshold: string; currency: string };

const toForm = (s: ComplaintSettings): Form => ({
  sla: Object.fromEntries(SEVERITIES.map((sev) => [sev, s.sla[sev].map(String)])),
  threshold: centsToInput(s.approvalThresholdCents),
  currency: s.defaultCurrency,
});

/** Supervisors: hours per step per severity, the approval threshold and the default currency. */
export function ComplaintSettingsDialog() {
  const open = useAppStore((s) => s.complaintSettingsOpen);
  const settings = useAppStore((s) => s.complaintSettings);
  if (!open || !settings) return null;
  return <SettingsDialog settings={settings} />;
}

function SettingsDialog({ settings }: { settings: ComplaintSettings }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const message = useFieldMessage();
  const opened = useAppStore((s) => s.complaintSettingsOpened);
  const saved = useAppStore((s) => s.complaintSettingsSaved);
  const [form, setForm] = useState<Form>(() => toForm(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<CallError | null>(null);
  const [saving, setSaving] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const close = () => opened(false);

  useEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.querySelector<HTMLElement>('input')?.focus();
    return () => back?.focus();
  }, []);

  const submit = async () => {
    const e: Record<string, string> = {};
    const sla = Object.fromEntries(
      SEVERITIES.map((sev) => [
        sev,
        form.sla[sev]!.map((v, i) => {
          const n = Number(v);
          if (!(n > 0 && n <= 24 * 90)) e[`sla.${sev}.${i}`] = 'complaint.sla.errors.hoursInvalid';
          return n;
        }),
      ]),
    ) as ComplaintSettings['sla'];
    const cents = inputToCents(form.threshold);
    if (typeof cents !== 'number') e.approvalThresholdCents = 'validation.range';
    if (!/^[A-Z]{3}$/.test(form.currency)) e.defaultCurrency = 'complaint.solve.errors.currencyInvalid';
    setErrors(e);
    if (Object.keys(e).length > 0) {
      requestAnimationFrame(() => dialogRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    const r = await saved({ sla, approvalThresholdCents: cents as number, defaultCurrency: form.currency });
    setSaving(false);
    if (!r.ok) {
      const fields = Object.fromEntries(Object.entries(r.error.fields ?? {}).map(([k, v]) => [k.replace(/^settings\./, ''), v]));
      setErrors(fields);
      setFailure(Object.keys(fields).length ? null : r.error);
    }
  };

  const err = (k: string) => errors[k];
  return (
    <div className="dialog-backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="complaint-settings-title" tabIndex={-1} onKeyDown={dialogKeyHandler(dialogRef, close)}>
        <h2 id="complaint-settings-title">{t('complaint.settings.title')}</h2>
        <form
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            void submit();
          }}
        >
          <table className="data-table sla-table">
            <caption>{t('complaint.settings.sla')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaint.settings.severityCol')}</th>
                {STEP_NUMBERS.map((n) => (
                  <th key={n} scope="col">
                    {t(`enum.complaintStep.${complaintStepKey(n)}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {SEVERITIES.map((sev) => (
                <tr key={sev}>
                  <th scope="row">{t(`complaint.severity.${sev}`)}</th>
                  {STEP_NUMBERS.map((n, i) => {
                    const k = `sla.${sev}.${i}`;
                    return (
                      <td key={n}>
                        <input
                          type="number"
                          min={0.5}
                          step={0.5}
                          className="hours-input"
                          aria-label={t('complaint.settings.stepHours', { severity: t(`complaint.severity.${sev}`), step: t(`enum.complaintStep.${complaintStepKey(n)}`) })}
                          aria-invalid={err(k) ? true : undefined}
                          value={form.sla[sev]![i]}
                          onChange={(e) => setForm({ ...form, sla: { ...form.sla, [sev]: form.sla[sev]!.map((v, j) => (j === i ? e.target.value : v)) } })}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {Object.keys(errors).some((k) => k.startsWith('sla.')) && <p className="field-error">{message('complaint.sla.errors.hoursInvalid')}</p>}
          <div className="form-field">
            <label htmlFor="complaint-settings-threshold">{t('complaint.settings.threshold')}</label>
            <input
              id="complaint-settings-threshold"
              type="text"
              inputMode="decimal"
              aria-invalid={err('approvalThresholdCents') ? true : undefined}
              aria-describedby="complaint-settings-threshold-hint"
              value={form.threshold}
              onChange={(e) => setForm({ ...form, threshold: e.target.value })}
            />
            <p id="complaint-settings-threshold-hint" className="field-hint">
              {err('approvalThresholdCents') ? message(err('approvalThresholdCents')!) : t('complaint.settings.thresholdHint')}
            </p>
          </div>
          <div className="form-field">
            <label htmlFor="complaint-settings-currency">{t('complaint.settings.currency')}</label>
            <input
              id="complaint-settings-currency"
              type="text"
              maxLength={3}
              aria-invalid={err('defaultCurrency') ? true : undefined}
              aria-describedby={err('defaultCurrency') ? 'complaint-settings-currency-error' : undefined}
              value={form.currency}
              onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })}
            />
            {err('defaultCurrency') && (
              <p id="complaint-settings-currency-error" className="field-error">
                {message(err('defaultCurrency')!)}
              </p>
            )}
          </div>
          {failure && (
            <p className="message message-error" role="alert">
              {t('complaint.settings.failed', { message: errorText(failure) })}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              {t('complaint.settings.save')}
            </button>
            <button type="button" className="button" onClick={close}>
              {t('complaint.settings.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
