import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { DEFAULT_TIME_ZONE } from '../../i18n/format';
import { useAppStore } from '../../state/store-context';
import { dialogKeyHandler } from '../../ui/dialog-keys';
import { useErrorText, validationKeyOf } from '../../ui/messages';

/** My open service promises (服务承诺), overdue first; each marked kept or broken. */
export function PromisesView() {
  const { t } = useTranslation();
  const f = useFormat();
  const errorText = useErrorText();
  const items = useAppStore((s) => s.promiseItems);
  const status = useAppStore((s) => s.promiseStatus);
  const error = useAppStore((s) => s.promiseError);
  const pending = useAppStore((s) => s.promisePending);
  const promisesRequested = useAppStore((s) => s.promisesRequested);
  const me = useAppStore((s) => s.session?.agent.id ?? null);
  const promiseMarked = useAppStore((s) => s.promiseMarked);
  const customerOpened = useAppStore((s) => s.customerOpened);

  useEffect(() => {
    if (status === 'idle') void promisesRequested();
  }, [status, promisesRequested]);

  return (
    <section className="promises-view view-pane" aria-labelledby="promises-title" aria-busy={status === 'loading'}>
      <header className="view-head">
        <h2 id="promises-title">{t('promises.title')}</h2>
      </header>
      {error && (
        <p className="message message-error" role="alert">
          {t('promises.failed', { message: errorText(error) })}
        </p>
      )}
      {status === 'ready' && items.length === 0 && <p className="empty-state">{t('promises.empty')}</p>}
      <ul className="callback-list" aria-label={t('promises.title')}>
        {items.map((p) => (
          <li key={p.id} className={`callback-row${p.overdue ? ' due-overdue' : ''}`}>
            <article aria-labelledby={`promise-${p.id}`}>
              <div className="callback-row-head">
                {p.overdue && <span className="badge due-badge due-badge-overdue">{t('enum.dueState.overdue')}</span>}
                <h3 id={`promise-${p.id}`} className="callback-name">
                  {p.description}
                </h3>
              </div>
              <p className="muted small">
                {t('promises.facts', { name: p.customerName, due: f.dateTime(p.dueAt) })}
                {p.ownerAgentName && p.ownerAgentId !== me && <> · {t('promises.owner', { name: p.ownerAgentName })}</>}
              </p>
              <div className="callback-actions">
                <button type="button" className="button button-ok" disabled={pending[p.id]} onClick={() => void promiseMarked(p.id, 'kept')}>
                  {t('promises.kept')}
                </button>
                <button type="button" className="button button-danger" disabled={pending[p.id]} onClick={() => void promiseMarked(p.id, 'broken')}>
                  {t('promises.broken')}
                </button>
                <button type="button" className="button button-quiet" onClick={() => void customerOpened(p.customerId)}>
                  {t('promises.openCustomer')}
                </button>
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** New service promise from the profile: what, and by when (the seat's time). */
export function PromiseFormDialog() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useAppStore((s) => s.promiseForm);
  const promiseFormEdited = useAppStore((s) => s.promiseFormEdited);
  const promiseFormSubmitted = useAppStore((s) => s.promiseFormSubmitted);
  const promiseFormClosed = useAppStore((s) => s.promiseFormClosed);
  const firstRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const open = form !== null;
  useEffect(() => {
    if (!open) return;
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    firstRef.current?.focus();
    return () => back?.focus();
  }, [open]);
  if (!form) return null;
  const onKeyDown = dialogKeyHandler(dialogRef, promiseFormClosed);
  const saving = form.status === 'saving';
  return (
    <div className="dialog-backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="promise-form-title" tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id="promise-form-title">{t('promises.form.title', { name: form.customerName })}</h2>
        <form
          className="cti-form"
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            void promiseFormSubmitted(DEFAULT_TIME_ZONE);
          }}
        >
          <div className="field">
            <label htmlFor="promise-form-description">{t('promises.form.description')}</label>
            <input
              id="promise-form-description"
              ref={firstRef}
              type="text"
              maxLength={300}
              autoComplete="off"
              placeholder={t('promises.form.placeholder')}
              value={form.description}
              aria-invalid={form.errors.description ? true : undefined}
              onChange={(ev) => promiseFormEdited({ description: ev.target.value })}
            />
            {form.errors.description && (
              <p className="field-error" role="alert">
                {t(validationKeyOf(form.errors.description))}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="promise-form-due">{t('promises.form.dueAt')}</label>
            <input
              id="promise-form-due"
              type="datetime-local"
              value={form.dueAt}
              aria-invalid={form.errors.dueAt ? true : undefined}
              onChange={(ev) => promiseFormEdited({ dueAt: ev.target.value })}
            />
            {form.errors.dueAt && (
              <p className="field-error" role="alert">
                {t(validationKeyOf(form.errors.dueAt))}
              </p>
            )}
          </div>
          {form.failure && (
            <p className="message message-error" role="alert">
              {t('promises.failed', { message: errorText(form.failure) })}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? t('promises.form.saving') : t('promises.form.save')}
            </button>
            <button type="button" className="button" disabled={saving} onClick={promiseFormClosed}>
              {t('promises.form.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
