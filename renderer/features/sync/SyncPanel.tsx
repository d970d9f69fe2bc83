import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict, ParkedChange, SyncStatus } from '../../../shared/contract/sync-schemas';
import { parseHlc } from '../../../shared/sync/hlc';
import { useFormat } from '../../i18n/use-format';
import { canManageSync } from '../../state/sync-slice';
import { useAppStore } from '../../state/store-context';
import { dialogKeyHandler } from '../../ui/dialog-keys';
import { TextField } from '../customer-profile/fields';
import { CLOCK_WARN_MS, formatTimeOfDay, useAgoText, useSyncErrorText, useSyncNames } from './sync-text';

/**
 * The Sync panel (status line click or Ctrl/⌘+Shift+Y): what the status line says in full and
 * "立即同步"; a clock warning; the changes headquarters refused, with what to do about them;
 * for supervisors and admins the conflicts to resolve and the hub settings (agents see the
 * address read-only). Escape closes it and Tab stays inside (the shared dialog key handler).
 */
export function SyncPanel() {
  const { t } = useTranslation();
  const open = useAppStore((s) => s.syncPanelOpen);
  const status = useAppStore((s) => s.syncStatus);
  const role = useAppStore((s) => s.session?.agent.role);
  const notice = useAppStore((s) => s.syncNotice);
  const syncPanelClosed = useAppStore((s) => s.syncPanelClosed);
  const dialogRef = useRef<HTMLDivElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  // Remember where the keyboard was, and give it back on close.
  useEffect(() => {
    if (!open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = dialogRef.current?.querySelector<HTMLElement>('.sync-now:not(:disabled)');
    (first ?? dialogRef.current)?.focus();
    return () => returnTo.current?.focus();
  }, [open]);

  if (!open) return null;
  const manager = canManageSync(role);

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialogRef}
        className="dialog sync-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sync-panel-title"
        tabIndex={-1}
        onKeyDown={dialogKeyHandler(dialogRef, syncPanelClosed)}
      >
        <div className="sync-panel-head">
          <h2 id="sync-panel-title">{t('sync.panel.title')}</h2>
          <button type="button" className="button button-quiet" onClick={syncPanelClosed} aria-label={t('sync.panel.close')}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {notice && (
          <p key={notice.seq} className="message sync-notice" role="status">
            {t(notice.key)}
          </p>
        )}
        {status && <StatusSection status={status} />}
        <ParkedSection />
        {manager && <ConflictsSection />}
        <SettingsSection manager={manager} hubUrl={status?.hubUrl ?? null} />
      </div>
    </div>
  );
}

function StatusSection({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const agoText = useAgoText();
  const syncErrorText = useSyncErrorText();
  const pending = useAppStore((s) => s.syncNowPending);
  const error = useAppStore((s) => s.syncNowError);
  const syncNowRequested = useAppStore((s) => s.syncNowRequested);
  const offset = status.clockOffsetMs;
  const hint =
    status.state === 'off'
      ? t('sync.panel.offHint')
      : status.state === 'offline'
        ? t('sync.panel.offlineHint')
        : status.state === 'update_required'
          ? t('sync.panel.updateRequiredHint')
          : status.state === 'unauthorized'
            ? t('sync.panel.unauthorizedHint')
            : null;
  // Offset is the hub's clock minus ours: positive means ours is behind.
  const clockMinutes = offset !== null && Math.abs(offset) > CLOCK_WARN_MS ? Math.round(Math.abs(offset) / 60_000) : null;

  return (
    <section className="sync-section" aria-labelledby="sync-status-title">
      <h3 id="sync-status-title">{t('sync.panel.status')}</h3>
      <dl className="sync-facts">
        <dt>{t('sync.panel.status')}</dt>
        <dd>{t(`sync.state.${status.state}`)}</dd>
        <dt>{t('sync.panel.hub')}</dt>
        <dd className="sync-url">{status.hubUrl ?? t('sync.panel.noHub')}</dd>
        <dt>{t('sync.panel.pending')}</dt>
        <dd>{fmt.number(status.pending)}</dd>
        <dt>{t('sync.panel.parked')}</dt>
        <dd>{fmt.number(status.parked)}</dd>
        <dt>{t('sync.panel.lastSync')}</dt>
        <dd>{status.lastSyncAt !== null ? `${fmt.dateTime(status.lastSyncAt)}（${agoText(status.lastSyncAt, Date.now())}）` : t('sync.panel.never')}</dd>
        {status.state === 'offline' && status.nextRetryAt !== null && (
          <>
            <dt>{t('sync.panel.nextRetry')}</dt>
            <dd>{formatTimeOfDay(status.nextRetryAt, i18n.language)}</dd>
          </>
        )}
        {status.lastError && (
          <>
            <dt>{t('sync.panel.lastError')}</dt>
            <dd>{syncErrorText(status.lastError)}</dd>
          </>
        )}
      </dl>
      {hint && <p className="muted">{hint}</p>}
      {clockMinutes !== null && (
        <p className="message message-warning">
          {offset! > 0 ? t('sync.panel.clockBehind', { minutes: clockMinutes }) : t('sync.panel.clockAhead', { minutes: clockMinutes })}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-primary sync-now" disabled={pending || status.state === 'off'} onClick={() => void syncNowRequested()}>
          {pending ? t('sync.panel.syncing') : t('sync.panel.syncNow')}
        </button>
      </div>
      {error && (
        <p className="message message-error" role="alert">
          {t('sync.panel.syncNowFailed', { message: syncErrorText(error) })}
        </p>
      )}
    </section>
  );
}

function ParkedSection() {
  const { t } = useTranslation();
  const syncErrorText = useSyncErrorText();
  const items = useAppStore((s) => s.syncParked);
  const status = useAppStore((s) => s.syncParkedStatus);
  const error = useAppStore((s) => s.syncParkedError);
  return (
    <section className="sync-section" aria-labelledby="sync-parked-title" aria-busy={status === 'loading'}>
      <h3 id="sync-parked-title">{t('sync.parked.title', { n: items.length })}</h3>
      {status === 'error' && error ? (
        <p className="message message-error" role="alert">
          {t('sync.parked.failed', { message: syncErrorText(error) })}
        </p>
      ) : status === 'loading' && items.length === 0 ? (
        <p className="loading">{t('sync.parked.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('sync.parked.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('sync.parked.intro')}</p>
          <ul className="sync-list" aria-labelledby="sync-parked-title">
            {items.map((item) => (
              <ParkedItem key={item.seq} item={item} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ParkedItem({ item }: { item: ParkedChange }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useSyncNames();
  const fields = item.fields.length > 0 ? item.fields.map(names.field).join('、') : t('sync.parked.wholeRecord');
  return (
    <li className="sync-item">
      <p className="sync-item-title">{t('sync.parked.item', { op: t(`sync.parked.op.${item.op}`), entity: names.entity(item.entity), fields })}</p>
      <p>
        <span className="sync-code">{t('sync.parked.code', { code: item.code })}</span> {t('sync.parked.reason', { reason: item.reason })}
      </p>
      <p className="muted small">
        {t('sync.parked.at', { time: fmt.dateTime(item.at) })} · {t('sync.parked.record', { id: item.entityId })}
      </p>
    </li>
  );
}

function ConflictsSection() {
  const { t } = useTranslation();
  const syncErrorText = useSyncErrorText();
  const conflicts = useAppStore((s) => s.syncConflicts);
  const status = useAppStore((s) => s.syncConflictsStatus);
  const error = useAppStore((s) => s.syncConflictsError);
  return (
    <section className="sync-section" aria-labelledby="sync-conflicts-title" aria-busy={status === 'loading'}>
      <h3 id="sync-conflicts-title">{t('sync.conflicts.title', { n: conflicts.length })}</h3>
      {status === 'error' && error ? (
        <p className="message message-error" role="alert">
          {t('sync.conflicts.failed', { message: syncErrorText(error) })}
        </p>
      ) : (status === 'loading' || status === 'idle') && conflicts.length === 0 ? (
        <p className="loading">{t('sync.conflicts.loading')}</p>
      ) : conflicts.length === 0 ? (
        <p className="muted">{t('sync.conflicts.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('sync.conflicts.intro')}</p>
          <ul className="sync-list" aria-labelledby="sync-conflicts-title">
            {conflicts.map((c) => (
              <ConflictItem key={c.id} conflict={c} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const hlcTime = (hlc: string, fallback: number) => {
  try {
    return parseHlc(hlc).ms;
  } catch {
    return fallback;
  }
};

function ConflictItem({ conflict: c }: { conflict: Conflict }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useSyncNames();
  const syncErrorText = useSyncErrorText();
  const seatId = useAppStore((s) => s.session?.seatId);
  const resolving = useAppStore((s) => s.syncResolving[c.id] === true);
  const failure = useAppStore((s) => (s.syncResolveError?.id === c.id ? s.syncResolveError.error : null));
  const syncConflictResolved = useAppStore((s) => s.syncConflictResolved);
  const titleId = `sync-conflict-${c.id}`;
  // Who wrote a value: this seat, the hub, the seat's branch and name (hubs that send them), or its id.
  const seat = (s: string, name: string | null | undefined, branch: string | null | undefined) =>
    s === seatId
      ? t('sync.conflicts.thisSeat')
      : s === 'hub'
        ? t('sync.conflicts.hub')
        : name
          ? branch
            ? t('sync.conflicts.seatNamed', { branch, name })
            : name
          : t('sync.conflicts.seat', { seat: s });
  const value = (v: Conflict['winnerValue']) => (v === null || v === '' ? t('sync.conflicts.emptyValue') : String(v));
  return (
    <li className="sync-item" aria-labelledby={titleId}>
      <p id={titleId} className="sync-item-title">
        {c.recordLabel
          ? t('sync.conflicts.itemOf', { entity: names.entity(c.entity), record: c.recordLabel, field: names.field(c.field) })
          : t('sync.conflicts.item', { entity: names.entity(c.entity), field: names.field(c.field) })}
      </p>
      <p className="muted small">{t('sync.conflicts.record', { id: c.entityId })}</p>
      <dl className="sync-facts">
        <dt>{t('sync.conflicts.kept')}</dt>
        <dd>
          <span className="sync-value">{value(c.winnerValue)}</span>{' '}
          <span className="muted small" title={c.winnerSeat}>
            {t('sync.conflicts.by', {
              seat: seat(c.winnerSeat, c.winnerSeatName, c.winnerBranch),
              time: fmt.dateTime(hlcTime(c.winnerHlc, c.detectedAt)),
            })}
          </span>
        </dd>
        <dt>{t('sync.conflicts.lost')}</dt>
        <dd>
          <span className="sync-value">{value(c.loserValue)}</span>{' '}
          <span className="muted small" title={c.loserSeat}>
            {t('sync.conflicts.by', {
              seat: seat(c.loserSeat, c.loserSeatName, c.loserBranch),
              time: fmt.dateTime(hlcTime(c.loserHlc, c.detectedAt)),
            })}
          </span>
        </dd>
      </dl>
      <div className="dialog-actions" role="group" aria-labelledby={titleId}>
        <button type="button" className="button" disabled={resolving} onClick={() => void syncConflictResolved(c.id, 'winner')}>
          {t('sync.conflicts.keepWinner')}
        </button>
        <button type="button" className="button" disabled={resolving} onClick={() => void syncConflictResolved(c.id, 'loser')}>
          {t('sync.conflicts.keepLoser')}
        </button>
        {resolving && <span className="muted">{t('sync.conflicts.resolving')}</span>}
      </div>
      {failure && (
        <p className="message message-error" role="alert">
          {t('sync.conflicts.resolveFailed', { message: syncErrorText(failure) })}
        </p>
      )}
    </li>
  );
}

function SettingsSection({ manager, hubUrl }: { manager: boolean; hubUrl: string | null }) {
  const { t } = useTranslation();
  const syncErrorText = useSyncErrorText();
  const form = useAppStore((s) => s.syncSettings);
  const syncSettingsEdited = useAppStore((s) => s.syncSettingsEdited);
  const syncSettingsSaved = useAppStore((s) => s.syncSettingsSaved);
  const syncTurnedOff = useAppStore((s) => s.syncTurnedOff);
  const seatId = useAppStore((s) => s.session?.seatId ?? null);
  const sectionRef = useRef<HTMLElement>(null);
  // The token from `npm run hub -- seat add` is enough: it binds itself to this id on the first sync.
  // The id is shown for reference (and for an admin who registers the seat in advance with --id).
  const seatFacts = seatId && (
    <>
      <dt>{t('sync.settings.seatId')}</dt>
      <dd>
        <span className="sync-code">{seatId}</span>
        <br />
        <small className="muted">{t('sync.settings.seatIdHint')}</small>
      </dd>
    </>
  );

  // A save was refused: go to the first field that needs correcting (once, not on every keystroke).
  const focusOutcome = useRef(false);
  useEffect(() => {
    if (!focusOutcome.current || form?.status !== 'ready') return;
    focusOutcome.current = false;
    sectionRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form?.status, form?.errors]);

  if (!manager) {
    return (
      <section ref={sectionRef} className="sync-section" aria-labelledby="sync-settings-title">
        <h3 id="sync-settings-title">{t('sync.settings.title')}</h3>
        <dl className="sync-facts">
          <dt>{t('sync.settings.hubUrl')}</dt>
          <dd className="sync-url">{hubUrl ?? t('sync.settings.notSet')}</dd>
          {seatFacts}
        </dl>
        <p className="muted">{t('sync.settings.readOnly')}</p>
      </section>
    );
  }
  if (!form || form.status === 'loading') {
    return (
      <section ref={sectionRef} className="sync-section" aria-labelledby="sync-settings-title" aria-busy="true">
        <h3 id="sync-settings-title">{t('sync.settings.title')}</h3>
        <p className="loading">{t('sync.settings.loading')}</p>
      </section>
    );
  }
  const d = form.draft;
  const e = form.errors;
  const saving = form.status === 'saving';
  const errorCount = Object.keys(e).length;
  return (
    <section ref={sectionRef} className="sync-section" aria-labelledby="sync-settings-title" aria-busy={saving}>
      <h3 id="sync-settings-title">{t('sync.settings.title')}</h3>
      <p className="muted">{t('sync.settings.intro')}</p>
      {seatFacts && <dl className="sync-facts">{seatFacts}</dl>}
      <form
        className="cti-form"
        noValidate
        aria-labelledby="sync-settings-title"
        onSubmit={(ev) => {
          ev.preventDefault();
          focusOutcome.current = true;
          void syncSettingsSaved();
        }}
      >
        {errorCount > 0 && <p className="message message-error">{t('sync.settings.fixErrors', { n: errorCount })}</p>}
        <div className="form-grid">
          <TextField
            idPrefix="sync"
            path="hubUrl"
            label={t('sync.settings.hubUrl')}
            value={d.hubUrl}
            error={e.hubUrl}
            required
            hint={t('sync.settings.hubUrlHint')}
            onChange={(hubUrl) => syncSettingsEdited({ hubUrl })}
          />
          <TextField
            idPrefix="sync"
            path="token"
            type="password"
            label={t('sync.settings.token')}
            value={d.token}
            error={e.token}
            required
            hint={form.hasToken ? t('sync.settings.tokenStored') : t('sync.settings.tokenHint')}
            onChange={(token) => syncSettingsEdited({ token })}
          />
        </div>
        {form.loadFailure && (
          <p className="message message-warning" role="alert">
            {t('sync.settings.loadFailed', { message: syncErrorText(form.loadFailure) })}
          </p>
        )}
        {form.failure && (
          <p className="message message-error" role="alert">
            {t('sync.settings.failed', { message: syncErrorText(form.failure) })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('sync.settings.saving') : t('sync.settings.save')}
          </button>
          {form.configured && (
            <button type="button" className="button button-danger" disabled={saving} onClick={() => void syncTurnedOff()}>
              {t('sync.settings.turnOff')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
