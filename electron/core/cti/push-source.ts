import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { CallSourceName, CtiCallEvent, CtiSource, CtiSourceStatus } from './cti-source';

export interface RingRequest {
  from: string;
  dnis?: string | null;
  queue?: string | null;
  waitS?: number | null;
  /** The source's own call id; generated when absent. */
  callId?: string | null;
}

/**
 * A CtiSource driven from inside the app: the simulator (dev panel, tests, `calls.simulate`),
 * a kefu:// URL and the --incoming-call command line. It speaks the same three events as the
 * AMI adapter, so a simulated or URL ring follows exactly the path a PBX ring does.
 */
export interface PushSource extends CtiSource {
  ring(r: RingRequest): string;
  answer(callId: string): void;
  hangup(callId: string, cause?: string | null): void;
}

export function createPushSource(name: Exclude<CallSourceName, 'ami'>, clock: Clock): PushSource {
  let emit: ((e: CtiCallEvent) => void) | null = null;
  const status = (): CtiSourceStatus => ({ state: emit ? 'connected' : 'off', malformedLines: 0, unknownEvents: 0, lastError: null });
  const send = (e: CtiCallEvent) => {
    // Stopped (core closing): drop, like a PBX whose connection is gone.
    emit?.(e);
  };
  return {
    name,
    start(onEvent, onStatus) {
      emit = onEvent;
      onStatus(status());
    },
    stop() {
      emit = null;
      return Promise.resolve();
    },
    status,
    ring(r) {
      const callId = r.callId || `${name}-${uuidv7()}`;
      send({
        type: 'ringing',
        callId,
        from: r.from,
        dnis: r.dnis ?? null,
        queue: r.queue ?? null,
        waitS: r.waitS ?? null,
        at: clock.now(),
        source: name,
      });
      return callId;
    },
    answer(callId) {
      send({ type: 'answered', callId, at: clock.now() });
    },
    hangup(callId, cause = null) {
      send({ type: 'ended', callId, at: clock.now(), cause });
    },
  };
}
