import { useEffect, useRef } from 'react';
import type { WallboardSnapshot } from '../../../shared/contract/wallboard-schemas';
import { AGENT_STATES } from '../../../shared/domain/wallboard/types';
import { formatClock } from '../../i18n/format';
import type { ForcedState } from '../../state/wallboard-slice';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { useNow } from '../screen-pop/use-now';
import { useWallboardText } from './wallboard-text';

const FORCED: readonly ForcedState[] = ['break', 'available', 'offline'];

/** Agents by state (counts), and every agent with the time in state ticking each second from `since`; set a state with a confirm step. */
export function AgentsPanel({ snapshot: s }: { snapshot: WallboardSnapshot }) {
  const { t, fmt } = useWallboardText();
  const now = useNow(s.agents.length > 0, 1000);
  const chosen = useAppStore((st) => st.agentStateChosen);
  const command = useAppStore((st) => st.agentCommand);
  return (
    <section className="wallboard-section" aria-labelledby="wb-agents-title">
      <h3 id="wb-agents-title">{t('wallboard.agents.title')}</h3>
      <dl className="wallboard-tiles agent-counts" aria-label={t('wallboard.agents.counts')}>
        {AGENT_STATES.map((state) => (
          <div key={state} className={`tile agent-state-${state}`}>
            <dt>{t(`wallboard.state.${state}`)}</dt>
            <dd className="tile-figure">{fmt.number(s.agentCounts[state] ?? 0)}</dd>
          </div>
        ))}
      </dl>
      {command && <AgentCommandBox />}
      {s.agents.length === 0 ? (
        <p className="muted">{t('wallboard.agents.empty')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('wallboard.agents.title')}</caption>
          <thead>
            <tr>
              {(['name', 'branch', 'state', 'time', 'actions'] as const).map((k) => (
                <th key={k} scope="col">
                  {t(`wallboard.agents.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.agents.map((a) => {
              const name = a.name ?? a.agentId;
              const inState = Math.max(a.timeInStateS, (now - a.since) / 1000);
              return (
                <tr key={a.agentId}>
                  <th scope="row">{name}</th>
                  <td>{a.branchId ?? '—'}</td>
                  <td>{t(`wallboard.state.${a.state}`)}</td>
                  <td>
                    <time aria-label={t('wallboard.agents.timeLabel', { time: formatClock(inState) })}>{formatClock(inState)}</time>
                  </td>
                  <td>
                    <div role="group" aria-label={t('wallboard.agents.actionsFor', { name })} className="row-actions">
                      {FORCED.filter((f) => f !== a.state).map((f) => (
                        <button key={f} type="button" className="button button-quiet" onClick={() => chosen(a.agentId, name, f)}>
                          {t(`wallboard.agents.set.${f}`)}
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AgentCommandBox() {
  const { t } = useWallboardText();
  const errorText = useErrorText();
  const c = useAppStore((st) => st.agentCommand)!;
  const confirmed = useAppStore((st) => st.agentStateConfirmed);
  const cancelled = useAppStore((st) => st.agentStateCancelled);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const asking = c.phase === 'confirm';
  // The confirm step takes the keyboard: Enter confirms, Tab reaches Cancel.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking, c.agentId, c.state]);
  if (c.phase === 'confirm' || c.phase === 'pending') {
    return (
      <div className="agent-command" role="group" aria-label={t('wallboard.agents.confirmLabel')}>
        <p>{t(`wallboard.agents.confirm.${c.state}`, { name: c.name })}</p>
        <button type="button" className="button button-primary" disabled={c.phase === 'pending'} onClick={() => void confirmed()} ref={confirmRef}>
          {c.phase === 'pending' ? t('wallboard.agents.sending') : t('wallboard.agents.confirmButton')}
        </button>
        <button type="button" className="button" disabled={c.phase === 'pending'} onClick={cancelled}>
          {t('wallboard.agents.cancel')}
        </button>
      </div>
    );
  }
  return (
    <p className={`message ${c.phase === 'done' && c.delivered ? 'message-success' : 'message-warning'}`} role="status">
      {c.phase === 'failed'
        ? t('wallboard.agents.failed', { name: c.name, message: errorText(c.error ?? 'errors.unknown') })
        : c.delivered
          ? t('wallboard.agents.delivered', { name: c.name, state: t(`wallboard.state.${c.state}`) })
          : t('wallboard.agents.notDelivered', { name: c.name })}
      <button type="button" className="button button-quiet" aria-label={t('app.dismiss')} onClick={cancelled}>
        <span aria-hidden="true">×</span>
      </button>
    </p>
  );
}
