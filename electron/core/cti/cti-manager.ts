import type { Database } from 'better-sqlite3';
import { AmiSettings, type CtiStatus } from '../../../shared/contract/call-schemas';
import { setMeta } from '../session';
import { openSecret, sealSecret, type SecretBox } from '../secrets';
import { stmt } from '../store/statements';
import type { CtiCallEvent, CtiSource, CtiSourceStatus } from './cti-source';

/** seat_meta key of the seat's PBX connection (JSON AmiSettings). */
export const AMI_SETTINGS_KEY = 'cti.ami';

export type AmiSourceFactory = (settings: AmiSettings) => CtiSource;

export interface CtiManager {
  status(): CtiStatus;
  /** The settings in use, without the secret. */
  settings(): (Omit<AmiSettings, 'secret'> & { hasSecret: boolean }) | null;
  /** Saves the settings (null: AMI off), stops the old source, starts the new one. */
  configure(ami: AmiSettings | null): Promise<CtiStatus>;
  /**
   * The agent's manual state for the PBX queues (paused on break / offline), handed to the AMI
   * source (see setQueuePaused in ami/ami-source.ts). Remembered here while paused, so a source
   * made later (cti.configure) pauses too; an unpause is only the current source's business.
   */
  setQueuePaused(paused: boolean, reason: string): void;
  /** Stops the source; after this no event reaches the call centre. */
  stop(): Promise<void>;
}

export interface CtiManagerDeps {
  db: Database;
  createAmiSource: AmiSourceFactory;
  /** Where the source's call events go (the call centre). */
  onEvent: (e: CtiCallEvent) => void;
  onStatus: (s: CtiStatus) => void;
  /** Events the call centre ignored (answer / hang-up of calls it never saw ring). */
  ignoredEvents: () => number;
  /** Seals the AMI secret at rest. */
  secrets: SecretBox;
  /** A command-line override (`--ami …`) that wins over the stored settings for this run. */
  override?: AmiSettings;
  log: (message: string, err?: unknown) => void;
}

export function loadAmiSettings(db: Database, secrets: SecretBox, log: (m: string, e?: unknown) => void): AmiSettings | null {
  const raw = stmt<[string], { value: string }>(db, 'SELECT value FROM seat_meta WHERE key = ?').get(AMI_SETTINGS_KEY)?.value;
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as { secret?: unknown };
    if (typeof stored.secret === 'string') stored.secret = openSecret(secrets, stored.secret);
    const parsed = AmiSettings.safeParse(stored);
    if (parsed.success) return parsed.data;
    log('stored AMI settings are invalid; AMI stays off', parsed.error);
  } catch (err) {
    log('stored AMI settings are not JSON; AMI stays off', err);
  }
  return null;
}

/**
 * The seat's PBX connection: one AMI source at a time, from the stored settings or the
 * command-line override. Events of a source that has been replaced or stopped are dropped,
 * so a slow disconnect can never deliver a stale ring.
 */
export function createCtiManager(deps: CtiManagerDeps): CtiManager {
  let settings: AmiSettings | null = deps.override ?? loadAmiSettings(deps.db, deps.secrets, deps.log);
  let source: CtiSource | null = null;
  let stopped = false;
  /** configure() calls run one after another. */
  let queue: Promise<unknown> = Promise.resolve();
  let pause: { paused: boolean; reason: string } | null = null;
  const forwardPause = (to: CtiSource) => {
    if (pause && to.setQueuePaused) void to.setQueuePaused(pause.paused, pause.reason).catch((err: unknown) => deps.log('queue pause failed', err));
  };

  const status = (): CtiStatus => {
    const s: CtiSourceStatus = source?.status() ?? { state: 'off', malformedLines: 0, unknownEvents: 0, lastError: null };
    return {
      source: source ? 'ami' : 'none',
      state: s.state,
      extension: settings?.extension ?? null,
      host: settings?.host ?? null,
      malformedLines: s.malformedLines,
      unknownEvents: s.unknownEvents + deps.ignoredEvents(),
      lastError: s.lastError,
      canDial: Boolean(source?.dial) && s.state === 'connected',
    };
  };

  function start(next: AmiSettings): void {
    let created: CtiSource;
    try {
      created = deps.createAmiSource(next);
    } catch (err) {
      deps.log('could not create the AMI source', err);
      return;
    }
    source = created;
    const mine = created;
    created.start(
      (e) => {
        if (source === mine && !stopped) deps.onEvent(e);
      },
      () => {
        if (source === mine && !stopped) deps.onStatus(status());
      },
    );
    if (pause?.paused) forwardPause(created);
  }

  async function stopSource(): Promise<void> {
    const old = source;
    source = null;
    if (!old) return;
    try {
      await old.stop();
    } catch (err) {
      deps.log('stopping the AMI source failed', err);
    }
  }

  if (settings) start(settings);

  return {
    status,
    settings() {
      if (!settings) return null;
      const { secret, ...rest } = settings;
      return { ...rest, hasSecret: secret.length > 0 };
    },
    configure(ami) {
      const run = queue.then(async () => {
        if (stopped) return status();
        // The secret is sealed at rest (safeStorage on Electron; the browser host has no keychain).
        setMeta(deps.db, AMI_SETTINGS_KEY, ami ? JSON.stringify({ ...ami, secret: sealSecret(deps.secrets, ami.secret) }) : '');
        settings = ami;
        await stopSource();
        if (ami && !stopped) start(ami);
        const s = status();
        deps.onStatus(s);
        return s;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    setQueuePaused(paused, reason) {
      pause = { paused, reason };
      if (source && !stopped) forwardPause(source);
    },
    async stop() {
      stopped = true;
      await queue.catch(() => undefined);
      await stopSource();
    },
  };
}
