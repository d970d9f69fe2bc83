import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { dialogKeyHandler } from '../../ui/dialog-keys';
import { TextField } from '../customer-profile/fields';


/**
 * The seat's PBX connection: host, port, username, secret, extension, validated with the contract's
 * AmiSettings (errors next to each field) and sent whole. The secret is never shown or prefilled,
 * so it has to be typed again on every save — the form says so. "关闭 AMI" turns the link off.
 */
export function CtiSettingsDialog() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useAppStore((s) => s.ctiSettings);
  const ctiSettingsEdited = useAppStore((s) => s.ctiSettingsEdited);
  const ctiSettingsSaved = useAppStore((s) => s.ctiSettingsSaved);
  const ctiTurnedOff = useAppStore((s) => s.ctiTurnedOff);
  const ctiSettingsClosed = useAppStore((s) => s.ctiSettingsClosed);
  const dialogRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const open = form !== null;
  const ready = form?.status !== 'loading';

  // Remember where the keyboard was, and give it back on close.
  useEffect(() => {
    if (!open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    return () => returnTo.current?.focus();
  }, [open]);

  useEffect(() => {
    if (open && ready) hostRef.current?.focus();
  }, [open, ready]);

  // A save was refused: go to the first field that needs correcting (once, not on every keystroke).
  const focusOutcome = useRef(false);
  useEffect(() => {
    if (!focusOutcome.current || form?.status !== 'ready') return;
    focusOutcome.current = false;
    dialogRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form?.status, form?.errors]);

  if (!form) return null;
  const d = form.draft;
  const e = form.errors;
  const saving = form.status === 'saving';
  const errorCount = Object.keys(e).length;

  const onKeyDown = dialogKeyHandler(dialogRef, ctiSettingsClosed);

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cti-settings-title"
        aria-describedby="cti-settings-intro"
        aria-busy={!ready || saving}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id="cti-settings-title">{t('cti.settings.title')}</h2>
        <p id="cti-settings-intro" className="muted">
          {t('cti.settings.intro')}
        </p>
        {!ready ? (
          <p className="loading">{t('cti.settings.loading')}</p>
        ) : (
          <form
            className="cti-form"
            noValidate
            onSubmit={(ev) => {
              ev.preventDefault();
              focusOutcome.current = true;
              void ctiSettingsSaved();
            }}
          >
            {errorCount > 0 && <p className="message message-error">{t('cti.settings.fixErrors', { n: errorCount })}</p>}
            <div className="form-grid">
              <TextField idPrefix="cti" path="host" label={t('cti.settings.host')} value={d.host} error={e.host} required inputRef={hostRef} onChange={(host) => ctiSettingsEdited({ host })} />
              <TextField idPrefix="cti" path="port" label={t('cti.settings.port')} value={d.port} error={e.port} required inputMode="numeric" onChange={(port) => ctiSettingsEdited({ port })} />
              <TextField idPrefix="cti" path="username" label={t('cti.settings.username')} value={d.username} error={e.username} required onChange={(username) => ctiSettingsEdited({ username })} />
              <TextField
                idPrefix="cti"
                path="secret"
                type="password"
                label={t('cti.settings.secret')}
                value={d.secret}
                error={e.secret}
                required
                hint={form.hasSecret ? t('cti.settings.secretStored') : t('cti.settings.secretHint')}
                onChange={(secret) => ctiSettingsEdited({ secret })}
              />
              <TextField
                idPrefix="cti"
                path="extension"
                label={t('cti.settings.extension')}
                value={d.extension}
                error={e.extension}
                required
                hint={t('cti.settings.extensionHint')}
                onChange={(extension) => ctiSettingsEdited({ extension })}
              />
            </div>
            {form.loadFailure && (
              <p className="message message-warning" role="alert">
                {t('cti.settings.loadFailed', { message: errorText(form.loadFailure) })}
              </p>
            )}
            {form.failure && (
              <p className="message message-error" role="alert">
                {t('cti.settings.failed', { message: errorText(form.failure) })}
              </p>
            )}
            <div className="dialog-actions">
              <button type="submit" className="button button-primary" disabled={saving}>
                {saving ? t('cti.settings.saving') : t('cti.settings.save')}
              </button>
              {form.configured && (
                <button type="button" className="button button-danger" disabled={saving} onClick={() => void ctiTurnedOff()}>
                  {t('cti.settings.turnOff')}
                </button>
              )}
              <button type="button" className="button" disabled={saving} onClick={ctiSettingsClosed}>
                {t('cti.settings.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
