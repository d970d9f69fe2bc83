import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackView } from '../../../shared/contract/callback-schemas';
import { OUTCOME_KEYS, outcomeForKey, type AssigneeChoice } from '../../state/callback-rules';
import type { CallbackScope } from '../../state/callbacks-slice';
import { useAppStore } from '../../state/store-context';
import { isTypingTarget } from '../../ui/keys';
import { useErrorText } from '../../ui/messages';
import { NotificationPermissionButton } from './ReminderToasts';
import { useAssigneeText, useWindowText } from './callback-text';

const rowIdOf = (id: string) => `callback-row-${id}`;
const noteIdOf = (id: string) => `callback-attempt-note-${id}`;

function AttemptPanel({ callback }: { callback: CallbackView }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const attempt = useAppStore((s) => (s.attempt?.callbackId === callback.id ? s.attempt : null));
  const attemptEdited = useAppStore((s) => s.attemptEdited);
  const attemptSubmitted = useAppStore((s) => s.attemptSubmitted);
  const attemptCancelled = useAppStore((s) => s.attemptCancelled);
  const groupRef = useRef<HTMLFieldSetElement>(null);
  useEffect(() => groupRef.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus(), []);
  if (!attempt) return null;
  const titleId = `callback-attempt-title-${callback.id}`;

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      attemptCancelled();
      document.getElementById(rowIdOf(callback.id))?.focus();
      return;
    }
    if (isTypingTarget(e.target)) return;
    const outcome = outcomeForKey(e.key);
    if (outcome) {
      e.preventDefault();
      e.stopPropagation();
      attemptEdited({ outcome });
      document.getElementById(noteIdOf(callback.id))?.focus();
    }
  };

  return (
    <form
      className="callback-attempt"
      aria-labelledby={titleId}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void attemptSubmitted();
      }}
    >
      <h4 id={titleId}>{t('callbacks.attempt.title')}</h4>
      <fieldset ref={groupRef} className="callback-outcomes" aria-describedby={`${titleId}-hint`}>
        <legend>{t('callbacks.attempt.outcome')}</legend>
        <p id={`${titleId}-hint`} className="field-hint">
          {t('callbacks.attempt.outcomeHint')}
        </p>
        {OUTCOME_KEYS.map((o, i) => (
          <label key={o} className="callback-outcome">
            <input
              type="radio"
              name={`outcome-${callback.id}`}
              value={o}
              checked={attempt.outcome === o}
              aria-keyshortcuts={String(i + 1)}
              onChange={() => attemptEdited({ outcome: o })}
            />
            <kbd aria-hidden="true">{i + 1}</kbd> {t(`enum.attemptOutcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={noteIdOf(callback.id)}>{t('callbacks.attempt.note')}</label>
        <input id={noteIdOf(callback.id)} type="text" maxLength={500} autoComplete="off" value={attempt.note} onChange={(e) => attemptEdited({ note: e.target.value })} />
      </div>
      {attempt.error && (
        <p className="message message-error" role="alert">
          {attempt.error.message === 'validation.choose' ? t('callbacks.attempt.chooseOutcome') : t('callbacks.attempt.failed', { message: errorText(attempt.error) })}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="button button-primary" disabled={attempt.pending}>
          {attempt.pending ? t('callbacks.attempt.saving') : t('callbacks.attempt.save')}
        </button>
        <button type="button" className="button" onClick={attemptCancelled}>
          {t('callbacks.attempt.cancel')}
        </button>
      </div>
    </form>
  );
}

function CallbackRow({ callback, selectable }: { callback: CallbackView; selectable: boolean }) {
  const { t } = useTranslation();
  const windowText = useWindowText();
  const assigneeText = useAssigneeText();
  const selected = useAppStore((s) => s.selectedCallbackId === callback.id);
  const checked = useAppStore((s) => s.checkedCallbackIds.includes(callback.id));
  const dialing = useAppStore((s) => s.dialPending[callback.id] === true);
  const attempting = useAppStore((s) => s.attempt?.callbackId === callback.id);
  const callbackSelected = useAppStore((s) => s.callbackSelected);
  const callbackChecked = useAppStore((s) => s.callbackChecked);
  const callbackDialRequested = useAppStore((s) => s.callbackDialRequested);
  const attemptStarted = useAppStore((s) => s.attemptStarted);
  const titleId = `${rowIdOf(callback.id)}-title`;
  const name = callback.customerName ?? t('callbacks.noCustomer');
  return (
    <li className={`callback-row due-${callback.dueState}${selected ? ' is-selected' : ''}${callback.escalated ? ' is-escalated' : ''}`}>
      <article
        id={rowIdOf(callback.id)}
        tabIndex={selected ? 0 : -1}
        aria-labelledby={titleId}
        aria-current={selected ? 'true' : undefined}
        data-callback-id={callback.id}
        onFocus={() => callbackSelected(callback.id)}
      >
        <div className="callback-row-head">
          {selectable && (
            <input
              type="checkbox"
              checked={checked}
              aria-label={t('callbacks.reassign.select', { name })}
              onChange={(e) => callbackChecked(callback.id, e.target.checked)}
            />
          )}
          <span className={`badge due-badge due-badge-${callback.dueState}`}>{t(`enum.dueState.${callback.dueState}`)}</span>
          {callback.priority === 1 && <span className="badge badge-overdue">{t('callbacks.priority.1')}</span>}
          {callback.escalated && <span className="badge badge-overdue">{t('callbacks.escalated')}</span>}
          <h3 id={titleId} className="callback-name">
            {name}
          </h3>
          <span className="muted">{t(`call.callbackReason.${callback.reason}`)}</span>
        </div>
        <p className="callback-window">{windowText(callback)}</p>
        <p className="muted small">
          {t('callbacks.rowFacts', { phone: callback.phone, assignee: assigneeText(callback), n: callback.attempts.length })}
        </p>
        {callback.note && <p className="callback-note">{callback.note}</p>}
        <div className="callback-actions">
          <button type="button" className="button button-primary" aria-keyshortcuts="D" disabled={dialing} onClick={() => void callbackDialRequested(callback.id)}>
            <kbd aria-hidden="true">D</kbd> {t('callbacks.dial')}
          </button>
          <button type="button" className="button" aria-keyshortcuts="R" aria-expanded={attempting} onClick={() => attemptStarted(callback.id)}>
            <kbd aria-hidden="true">R</kbd> {t('callbacks.record')}
          </button>
        </div>
      </article>
      {attempting && <AttemptPanel callback={callback} />}
    </li>
  );
}

function OutcomeNotice() {
  const { t } = useTranslation();
  const windowText = useWindowText();
  const result = useAppStore((s) => s.attemptResult);
  const dial = useAppStore((s) => s.dialNotice);
  // The newer of the two is the one to say.
  const showDial = dial && (!result || dial.seq > result.seq);
  let text: string | null = null;
  if (showDial) text = t(`callbacks.dialNotice.${dial.kind}`, { number: dial.number });
  else if (result) {
    const cb = result.callback;
    if (cb.status === 'scheduled') text = t('callbacks.outcome.rescheduled', { outcome: t(`enum.attemptOutcome.${result.outcome}`), window: windowText(cb) });
    else if (cb.status === 'done') text = t('callbacks.outcome.done', { name: cb.customerName ?? cb.phone });
    else if (cb.status === 'failed') text = t('callbacks.outcome.failed', { outcome: t(`enum.attemptOutcome.${result.outcome}`) });
    else text = t('callbacks.outcome.cancelled');
  }
  return (
    <div className="notice" role="status">
      {text}
    </div>
  );
}

function ReassignBar() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const ids = useAppStore((s) => s.checkedCallbackIds);
  const target = useAppStore((s) => s.reassignTarget);
  const pending = useAppStore((s) => s.reassignPending);
  const result = useAppStore((s) => s.reassignResult);
  const error = useAppStore((s) => s.reassignError);
  const directory = useAppStore((s) => s.agentDirectory);
  const reassignTargetChosen = useAppStore((s) => s.reassignTargetChosen);
  const reassignSubmitted = useAppStore((s) => s.reassignSubmitted);
  return (
    <div className="callback-reassign" role="group" aria-label={t('callbacks.reassign.label')}>
      <span>{t('callbacks.reassign.selected', { n: ids.length })}</span>
      <label htmlFor="callback-reassign-target">{t('callbacks.reassign.to')}</label>
      <select id="callback-reassign-target" value={target} onChange={(e) => reassignTargetChosen(e.target.value as AssigneeChoice | '')}>
        <option value="">{t('callbacks.reassign.choose')}</option>
        {directory?.agents.map((a) => (
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
      <button type="button" className="button button-primary" disabled={ids.length === 0 || target === '' || pending} onClick={() => void reassignSubmitted()}>
        {pending ? t('callbacks.reassign.saving') : t('callbacks.reassign.submit')}
      </button>
      <span role="status">{result ? t('callbacks.reassign.done', { n: result.updated }) : null}</span>
      {error && (
        <p className="message message-error" role="alert">
          {t('callbacks.reassign.failed', { message: errorText(error) })}
        </p>
      )}
    </div>
  );
}

const SCOPES: readonly CallbackScope[] = ['mine', 'team', 'all'];

/** 我的回访 / 团队回访 (and for supervisors 全部): the open callbacks in working order. */
export function CallbacksView() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const role = useAppStore((s) => s.session?.agent.role ?? 'agent');
  const scope = useAppStore((s) => s.callbackScope);
  const items = useAppStore((s) => s.callbackItems);
  const status = useAppStore((s) => s.callbackStatus);
  const error = useAppStore((s) => s.callbackError);
  const counts = useAppStore((s) => s.callbackCounts);
  const callbackScopeChosen = useAppStore((s) => s.callbackScopeChosen);
  const callbacksRequested = useAppStore((s) => s.callbacksRequested);
  const selectedId = useAppStore((s) => s.selectedCallbackId);
  const callbackSelectionMoved = useAppStore((s) => s.callbackSelectionMoved);
  const callbackDialRequested = useAppStore((s) => s.callbackDialRequested);
  const attemptStarted = useAppStore((s) => s.attemptStarted);
  const supervisor = role !== 'agent';
  const scopes = supervisor ? SCOPES : SCOPES.filter((s) => s !== 'all');

  useEffect(() => {
    if (status === 'idle') void callbacksRequested();
  }, [status, callbacksRequested]);

  const onListKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
    if (!(e.target instanceof HTMLElement) || e.target.closest('.callback-attempt')) return;
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (move !== 0) {
      e.preventDefault();
      callbackSelectionMoved(move);
      return;
    }
    if (!selectedId) return;
    if (e.key === 'd' || e.key === 'D') {
      e.preventDefault();
      void callbackDialRequested(selectedId);
    } else if (e.key === 'r' || e.key === 'R') {
      e.preventDefault();
      attemptStarted(selectedId);
    }
  };

  // The keyboard follows the selection (↑ ↓), but never takes the focus out of a field.
  useEffect(() => {
    if (!selectedId) return;
    const row = document.getElementById(rowIdOf(selectedId));
    const active = document.activeElement;
    if (row && active instanceof HTMLElement && active.closest('.callback-list') && !active.closest('.callback-attempt') && active !== row) row.focus();
  }, [selectedId]);

  return (
    <section className="callbacks-view view-pane" aria-labelledby="callbacks-title" aria-busy={status === 'loading'}>
      <header className="view-head">
        <h2 id="callbacks-title">{t('callbacks.title')}</h2>
        <div className="scope-tabs" role="tablist" aria-label={t('callbacks.scopeLabel')}>
          {scopes.map((s) => (
            <button key={s} type="button" role="tab" aria-selected={scope === s} className={`button button-quiet${scope === s ? ' is-active' : ''}`} onClick={() => callbackScopeChosen(s)}>
              {t(`callbacks.scope.${s}`)}
            </button>
          ))}
        </div>
        {counts && <p className="muted small">{t('callbacks.counts', { due: counts.due, overdue: counts.overdue, upcoming: counts.upcoming })}</p>}
        <NotificationPermissionButton />
      </header>
      <p className="muted small">{t('callbacks.keysHint')}</p>
      <OutcomeNotice />
      {status === 'error' && error && (
        <div className="message message-error" role="alert">
          <p>{t('callbacks.loadFailed', { message: errorText(error) })}</p>
          <button type="button" className="button" onClick={() => void callbacksRequested()}>
            {t('callbacks.retry')}
          </button>
        </div>
      )}
      {status !== 'error' && error && (
        <p className="message message-error" role="alert">
          {t('callbacks.failed', { message: errorText(error) })}
        </p>
      )}
      {scope === 'all' && supervisor && <ReassignBar />}
      {status === 'loading' && items.length === 0 && <p className="loading">{t('callbacks.loading')}</p>}
      {status === 'ready' && items.length === 0 && <p className="empty-state">{t('callbacks.empty')}</p>}
      {items.length > 0 && (
        <ul className="callback-list" aria-label={t(`callbacks.scope.${scope}`)} onKeyDown={onListKeyDown}>
          {items.map((cb) => (
            <CallbackRow key={cb.id} callback={cb} selectable={scope === 'all' && supervisor} />
          ))}
        </ul>
      )}
    </section>
  );
}
