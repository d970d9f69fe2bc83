import type { WallboardSnapshot } from '../../../shared/contract/wallboard-schemas';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { complaintStepKey } from '../screen-pop/complaint-steps';
import { useWallboardText } from './wallboard-text';

/**
 * The supervisor's actions from the wallboard: reassign callbacks (the callbacks queue's own
 * reassign controls, every seat's callbacks), reassign complaints (tick, pick an agent),
 * remedies awaiting approval (the wizard, where Approve is), and sync conflicts (the Sync panel).
 */
export function ActionsPanel({ snapshot: s }: { snapshot: WallboardSnapshot }) {
  const { t } = useWallboardText();
  const callbacksOpened = useAppStore((st) => st.wallboardCallbacksOpened);
  const conflictsOpened = useAppStore((st) => st.wallboardConflictsOpened);
  const conflicts = s.branches.reduce((n, b) => n + b.conflicts, 0);
  return (
    <section className="wallboard-section" aria-labelledby="wb-actions-title">
      <h3 id="wb-actions-title">{t('wallboard.actions.title')}</h3>
      <div className="wallboard-actions">
        <button type="button" className="button" onClick={callbacksOpened}>
          {t('wallboard.actions.callbacks', { n: s.callbacks.overdue + s.callbacks.escalated })}
        </button>
        <button type="button" className="button" onClick={() => void conflictsOpened()}>
          {t('wallboard.actions.conflicts', { n: conflicts })}
        </button>
      </div>
      <p className="small muted">{t('wallboard.actions.callbacksHint')}</p>
      <ComplaintReassign />
      <Approvals />
    </section>
  );
}

function ComplaintReassign() {
  const { t } = useWallboardText();
  const errorText = useErrorText();
  const r = useAppStore((st) => st.complaintReassign);
  const agents = useAppStore((st) => st.agentDirectory?.agents ?? []);
  const checked = useAppStore((st) => st.wallboardComplaintChecked);
  const targetChosen = useAppStore((st) => st.wallboardComplaintTargetChosen);
  const reassigned = useAppStore((st) => st.wallboardComplaintsReassigned);
  const retry = useAppStore((st) => st.wallboardComplaintsRequested);
  return (
    <section className="wallboard-subsection" aria-labelledby="wb-reassign-title">
      <h4 id="wb-reassign-title">{t('wallboard.reassign.title')}</h4>
      {r.status === 'error' ? (
        <p className="message message-error" role="alert">
          {t('wallboard.reassign.loadFailed', { message: errorText(r.error ?? 'errors.unknown') })}
          <button type="button" className="button" onClick={() => void retry()}>
            {t('wallboard.retry')}
          </button>
        </p>
      ) : r.status !== 'ready' ? (
        <p className="loading">{t('wallboard.reassign.loading')}</p>
      ) : r.items.length === 0 ? (
        <p className="muted">{t('wallboard.reassign.empty')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void reassigned();
          }}
        >
          <ul className="plain-list wallboard-complaints">
            {r.items.map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" checked={r.checked.includes(c.id)} onChange={(e) => checked(c.id, e.target.checked)} />{' '}
                  {t('wallboard.reassign.item', {
                    name: c.customerName,
                    step: t(`enum.complaintStep.${complaintStepKey(c.currentStep)}`),
                    owner: c.ownerAgentName ?? t('wallboard.reassign.noOwner'),
                  })}
                  {c.slaState === 'breached' && (
                    <span className="breach">
                      {' '}
                      <span aria-hidden="true">⚠ </span>
                      {t('wallboard.breach')}
                    </span>
                  )}
                </label>
              </li>
            ))}
          </ul>
          <div className="reassign-controls">
            <label htmlFor="wb-reassign-agent">{t('wallboard.reassign.to')}</label>
            <select id="wb-reassign-agent" value={r.agentId} onChange={(e) => targetChosen(e.target.value)}>
              <option value="">{t('wallboard.reassign.choose')}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-primary" disabled={r.pending || r.checked.length === 0 || r.agentId === ''}>
              {t('wallboard.reassign.submit', { n: r.checked.length })}
            </button>
          </div>
        </form>
      )}
      {r.result && (
        <p className="message message-success" role="status">
          {t('wallboard.reassign.done', { n: r.result.updated })}
        </p>
      )}
      {r.failure && (
        <p className="message message-error" role="alert">
          {t('wallboard.reassign.failed', { message: errorText(r.failure) })}
        </p>
      )}
    </section>
  );
}

function Approvals() {
  const { t } = useWallboardText();
  const items = useAppStore((st) => st.complaintReassign.items);
  const approvalOpened = useAppStore((st) => st.wallboardApprovalOpened);
  const waiting = items.filter((c) => c.awaitingApproval);
  return (
    <section className="wallboard-subsection" aria-labelledby="wb-approvals-title">
      <h4 id="wb-approvals-title">{t('wallboard.approvals.title')}</h4>
      {waiting.length === 0 ? (
        <p className="muted">{t('wallboard.approvals.empty')}</p>
      ) : (
        <ul className="plain-list">
          {waiting.map((c) => (
            <li key={c.id}>
              <button type="button" className="button" onClick={() => void approvalOpened(c.id)}>
                {t('wallboard.approvals.open', { name: c.customerName })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
