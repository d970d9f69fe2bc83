import type { WallboardSnapshot } from '../../shared/contract/wallboard-schemas';
import type { HubLiveMessage } from '../../shared/sync/wallboard-protocol';
import type { Seat } from '../seats';
import type { WallboardAggregator } from './aggregate';

/** What the stream needs from the live socket hub. */
export interface LiveSockets {
  sendWhere(pred: (seat: Seat) => boolean, msg: HubLiveMessage): number;
  countWhere(pred: (seat: Seat) => boolean): number;
}

export const isSupervisor = (seat: Seat): boolean => seat.role === 'supervisor' || seat.role === 'admin';

interface Logger {
  warn: (obj: object, msg: string) => void;
}

/**
 * Streams the snapshot to this process's supervisor and admin sockets. Every wallboard event and
 * every sync push (callbacks, complaints, promises) only marks the board dirty; at most one
 * computation runs per `minGapMs` (250 ms) per process, shared by all its viewers, and none runs
 * while no supervisor socket is connected here. A refresh every `refreshMs` keeps times in state,
 * waits and time-based alerts (a callback falling overdue) moving when nothing happens.
 */
export class WallboardStream {
  private live: LiveSockets | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private dirty = false;
  private lastStart = 0;
  private closed = false;
  private readonly refresh: NodeJS.Timeout;
  broadcasts = 0;

  constructor(
    private readonly aggregator: WallboardAggregator,
    private readonly log: Logger,
    private readonly minGapMs = 250,
    refreshMs = 5_000,
  ) {
    this.refresh = setInterval(() => this.poke(), refreshMs);
    this.refresh.unref();
  }

  attach(live: LiveSockets): void {
    this.live = live;
  }

  /** Something changed: recompute soon (coalesced). */
  poke(): void {
    if (this.closed || !this.live || this.live.countWhere(isSupervisor) === 0) return;
    if (this.running || this.timer) {
      this.dirty = true;
      return;
    }
    const wait = Math.max(0, this.lastStart + this.minGapMs - Date.now());
    this.timer = setTimeout(() => void this.run(), wait);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.closed || !this.live) return;
    this.running = true;
    this.dirty = false;
    this.lastStart = Date.now();
    try {
      const snapshot: WallboardSnapshot = await this.aggregator.compute();
      if (!this.closed) {
        this.live.sendWhere(isSupervisor, { type: 'wallboard', snapshot });
        this.broadcasts++;
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'wallboard: computation failed');
    } finally {
      this.running = false;
    }
    if (this.dirty) this.poke();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.refresh);
    if (this.timer) clearTimeout(this.timer);
  }
}
