import type { WallboardSnapshot } from '../../../shared/contract/wallboard-schemas';
import { STEP_NUMBERS } from '../../../shared/domain/complaint-flow';
import { canSeeWallboard } from '../../state/wallboard-slice';
import { useAppStore } from '../../state/store-context';
import { BarChart } from '../../ui/BarChart';
import { useErrorText } from '../../ui/messages';
import { NotificationPermissionButton } from '../callbacks/ReminderToasts';
import { complaintStepKey } from '../screen-pop/complaint-steps';
import { formatTimeOfDay, useAgoText, useNow } from '../sync/sync-text';
import { AgentsPanel } from './AgentsPanel';
import { CentreReportPane } from './CentreReportPane';
import { ActionsPanel } from './ActionsPanel';
import { useWallboardText } from './wallboard-text';

/**
 * 看板 (Alt+6), supervisors and admins only — an agent who reaches it somehow is told so and sees
 * nothing else. Live: the centre's tiles, the queues, the agents, callbacks, complaints, promises
 * and the branches' sync health, then the actions; or the centre report.
 */
export function WallboardView() {
  const { t } = useWallboardText();
  const errorText = useErrorText();
  const role = useAppStore((s) => s.session?.agent.role);
  const snapshot = useAppStore((s) => s.wallboard);
  const status = useAppStore((s) => s.wallboardStatus);
  const error = useAppStore((s) => s.wallboardError);
  const tab = useAppStore((s) => s.wallboardTab);
  const tabChosen = useAppStore((s) => s.wallboardTabChosen);
  const settingsOpened = useAppStore((s) => s.wallboardSettingsOpened);
  const opened = useAppStore((s) => s.wallboardOpened);

  if (!canSeeWallboard(role)) {
    return (
      <section className="view-pane wallboard-view" aria-labelledby="wallboard-title">
        <h2 id="wallboard-title">{t('wallboard.title')}</h2>
        <p className="message message-warning" role="alert">
          {t('wallboard.forbidden')}
        </p>
      </section>
    );
  }

  return (
    <section className="view-pane wallboard-view" aria-labelledby="wallboard-title">
      <header className="view-head">
        <h2 id="wallboard-title">{t(tab === 'reports' ? 'reports.title' : 'wallboard.title')}</h2>
        <div className="view-head-actions">
          <div role="tablist" aria-label={t('wallboard.tabs.label')}>
            {(['live', 'reports'] as const).map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className={`button button-quiet${tab === k ? ' is-active' : ''}`} onClick={() => tabChosen(k)}>
                {t(`wallboard.tabs.${k}`)}
              </button>
            ))}
          </div>
          <button type="button" className="button" onClick={() => void settingsOpened(true)}>
            {t('wallboard.settings.open')}
          </button>
          <NotificationPermissionButton />
        </div>
      </header>
      {tab === 'reports' ? (
        <CentreReportPane />
      ) : status === 'error' && !snapshot ? (
        <div className="message message-error" role="alert">
          {t('wallboard.failed', { message: errorText(error ?? 'errors.unknown') })}
          <button type="button" className="button" onClick={() => void opened()}>
            {t('wallboard.retry')}
          </button>
        </div>
      ) : !snapshot ? (
        <p role="status">{t('wallboard.loading')}</p>
      ) : (
        <Live snapshot={snapshot} />
      )}
    </section>
  );
}

function Live({ snapshot: s }: { snapshot: WallboardSnapshot }) {
  const { t, fmt } = useWallboardText();
  const locale = fmt.locale;
  return (
    <div className="wallboard-live">
      <p className="muted small wallboard-source">
        {t(s.source === 'hub' ? 'wallboard.source.hub' : 'wallboard.source.local')} · {t('wallboard.updatedAt', { time: formatTimeOfDay(s.at, locale) })} ·{' '}
        {t('wallboard.sinceToday', { time: fmt.dateTime(s.since) })}
      </p>
      <CentreTiles snapshot={s} />
      <QueueTable snapshot={s} />
      <AgentsPanel snapshot={s} />
      <WorkTiles snapshot={s} />
      <Branches snapshot={s} />
      <ActionsPanel snapshot={s} />
    </div>
  );
}

function Breach({ text }: { text: string }) {
  return (
    <span className="breach">
      <span aria-hidden="true">⚠ </span>
      {text}
    </span>
  );
}

function CentreTiles({ snapshot: s }: { snapshot: WallboardSnapshot }) {
  const { t, fmt, pct, secs, definition } = useWallboardText();
  const c = s.centre;
  const def = definition(s.settings, s.definitionKey);
  const target = s.settings.serviceLevelTargetPct;
  const below = c.serviceLevelPct !== null && c.serviceLevelPct < target;
  return (
    <section className="wallboard-section" aria-labelledby="wb-centre-title">
      <h3 id="wb-centre-title">{t('wallboard.tiles.label')}</h3>
      <dl className="wallboard-tiles">
        <div className="tile">
          <dt>{t('wallboard.tiles.waiting')}</dt>
          <dd>
            <span className="tile-figure">{fmt.number(c.waiting)}</span>
            <span className="small">{c.longestWaitS === null ? t('wallboard.tiles.noneWaiting') : t('wallboard.tiles.longestWait', { wait: secs(c.longestWaitS) })}</span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.tiles.offered')}</dt>
          <dd>
            <span className="tile-figure">{fmt.number(c.offered)}</span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.tiles.answered')}</dt>
          <dd>
            <span className="tile-figure">{fmt.number(c.answered)}</span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.tiles.abandoned')}</dt>
          <dd>
            <span className="tile-figure">{fmt.number(c.abandoned)}</span>
            <span className="small">{t('wallboard.tiles.shortAbandoned', { n: c.shortAbandoned })}</span>
          </dd>
        </div>
        <div className={`tile tile-sl${below ? ' is-breached' : ''}`}>
          <dt>{t('wallboard.tiles.serviceLevel')}</dt>
          <dd>
            <span className="tile-figure">{pct(c.serviceLevelPct)}</span>
            <span className="small">
              {t('wallboard.tiles.slTarget', { target: fmt.number(target, 1), threshold: s.settings.serviceLevelThresholdS })} ·{' '}
              {t('wallboard.tiles.slCounts', { numerator: c.serviceLevelNumerator, denominator: c.serviceLevelDenominator })}
            </span>
            {c.serviceLevelPct !== null && (below ? <Breach text={t('wallboard.tiles.belowTarget')} /> : <span className="small">✓ {t('wallboard.tiles.meetsTarget')}</span>)}
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.tiles.abandonRate')}</dt>
          <dd>
            <span className="tile-figure">{pct(c.abandonRatePct)}</span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.tiles.asa')}</dt>
          <dd>
            <span className="tile-figure">{secs(c.asaS)}</span>
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.tiles.aht')}</dt>
          <dd>
            <span className="tile-figure">{secs(c.ahtS)}</span>
          </dd>
        </div>
      </dl>
      <details className="sl-definition" open>
        <summary>{t('wallboard.sl.explain')}</summary>
        <p>{def.text}</p>
        <p>{def.shortAbandon}</p>
        <p className="small muted">{t('wallboard.sl.otherFigures')}</p>
      </details>
    </section>
  );
}

function QueueTable({ snapshot: s }: { snapshot: WallboardSnapshot }) {
  const { t, fmt, pct, secs } = useWallboardText();
  const target = s.settings.serviceLevelTargetPct;
  return (
    <section className="wallboard-section" aria-labelledby="wb-queues-title">
      <h3 id="wb-queues-title">{t('wallboard.queues.title')}</h3>
      {s.queues.length === 0 ? (
        <p className="muted">{t('wallboard.queues.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              {(['queue', 'waiting', 'longest', 'offered', 'answered', 'abandoned', 'sl', 'abandonRate', 'asa', 'aht'] as const).map((k) => (
                <th key={k} scope="col">
                  {t(`wallboard.queues.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.queues.map(({ queue, figures: f }) => (
              <tr key={queue}>
                <th scope="row">{queue}</th>
                <td>{fmt.number(f.waiting)}</td>
                <td>{secs(f.longestWaitS)}</td>
                <td>{fmt.number(f.offered)}</td>
                <td>{fmt.number(f.answered)}</td>
                <td>{fmt.number(f.abandoned)}</td>
                <td>
                  {pct(f.serviceLevelPct)}
                  {f.serviceLevelPct !== null && f.serviceLevelPct < target && <Breach text={t('wallboard.tiles.belowTarget')} />}
                </td>
                <td>{pct(f.abandonRatePct)}</td>
                <td>{secs(f.asaS)}</td>
                <td>{secs(f.ahtS)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function WorkTiles({ snapshot: s }: { snapshot: WallboardSnapshot }) {
  const { t, fmt } = useWallboardText();
  return (
    <section className="wallboard-section" aria-labelledby="wb-work-title">
      <h3 id="wb-work-title">{t('wallboard.work.title')}</h3>
      <dl className="wallboard-tiles">
        <div className="tile">
          <dt>{t('wallboard.callbacks.due')}</dt>
          <dd className="tile-figure">{fmt.number(s.callbacks.due)}</dd>
        </div>
        <div className={`tile${s.callbacks.overdue > 0 ? ' is-breached' : ''}`}>
          <dt>{t('wallboard.callbacks.overdue')}</dt>
          <dd>
            <span className="tile-figure">{fmt.number(s.callbacks.overdue)}</span>
            {s.callbacks.overdue > 0 && <Breach text={t('wallboard.breach')} />}
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.callbacks.escalated')}</dt>
          <dd className="tile-figure">{fmt.number(s.callbacks.escalated)}</dd>
        </div>
        <div className={`tile${s.complaints.slaBreached > 0 ? ' is-breached' : ''}`}>
          <dt>{t('wallboard.complaints.slaBreached')}</dt>
          <dd>
            <span className="tile-figure">{fmt.number(s.complaints.slaBreached)}</span>
            {s.complaints.slaBreached > 0 && <Breach text={t('wallboard.breach')} />}
          </dd>
        </div>
        <div className="tile">
          <dt>{t('wallboard.complaints.awaitingApproval')}</dt>
          <dd className="tile-figure">{fmt.number(s.complaints.awaitingApproval)}</dd>
        </div>
        <div className={`tile${s.promisesOverdue > 0 ? ' is-breached' : ''}`}>
          <dt>{t('wallboard.promises.overdue')}</dt>
          <dd>
            <span className="tile-figure">{fmt.number(s.promisesOverdue)}</span>
            {s.promisesOverdue > 0 && <Breach text={t('wallboard.breach')} />}
          </dd>
        </div>
      </dl>
      <BarChart
        title={t('wallboard.complaints.byStep')}
        valueHeader={t('wallboard.complaints.count')}
        bars={STEP_NUMBERS.map((n, i) => ({ label: `${n}. ${t(`enum.complaintStep.${complaintStepKey(n)}`)}`, value: s.complaints.openByStep[i] ?? 0 }))}
      />
    </section>
  );
}

function Branches({ snapshot: s }: { snapshot: WallboardSnapshot }) {
  const { t, fmt } = useWallboardText();
  const ago = useAgoText();
  const now = useNow(30_000);
  return (
    <section className="wallboard-section" aria-labelledby="wb-branches-title">
      <h3 id="wb-branches-title">{t('wallboard.branches.title')}</h3>
      {s.branches.length === 0 ? (
        <p className="muted">{t('wallboard.branches.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              {(['branch', 'lastSeen', 'pending', 'parked', 'conflicts'] as const).map((k) => (
                <th key={k} scope="col">
                  {t(`wallboard.branches.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.branches.map((b) => (
              <tr key={b.branchId}>
                <th scope="row">{b.name ?? b.branchId}</th>
                <td>{b.lastSeenAt === null ? t('wallboard.branches.never') : ago(b.lastSeenAt, Math.max(now, s.at))}</td>
                <td>{b.pending === null ? '—' : fmt.number(b.pending)}</td>
                <td>{b.parked > 0 ? <Breach text={fmt.number(b.parked)} /> : fmt.number(b.parked)}</td>
                <td>{b.conflicts > 0 ? <Breach text={fmt.number(b.conflicts)} /> : fmt.number(b.conflicts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
