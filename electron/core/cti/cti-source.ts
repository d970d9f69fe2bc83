import type { QueueTracker } from './ami/queue-tracker';

// Every way a call can reach the seat (the PBX's AMI, a kefu:// URL, the command line, the
// simulator) is a CtiSource that turns its own protocol into these three events.

export type CallSourceName = 'ami' | 'url' | 'cli' | 'simulator';

export type CtiCallEvent =
  | {
      type: 'ringing';
      callId: string;
      from: string;
      dnis: string | null;
      queue: string | null;
      waitS: number | null;
      at: number;
      source: CallSourceName;
    }
  | { type: 'answered'; callId: string; at: number }
  | { type: 'ended'; callId: string; at: number; cause: string | null };

export interface CtiSourceStatus {
  state: 'off' | 'connecting' | 'connected' | 'disconnected' | 'auth_failed';
  malformedLines: number;
  unknownEvents: number;
  lastError: string | null;
}

export interface CtiSource {
  readonly name: CallSourceName;
  start(emit: (e: CtiCallEvent) => void, onStatus: (s: CtiSourceStatus) => void): void;
  stop(): Promise<void>;
  status(): CtiSourceStatus;
  /** Click-to-dial where the source can (AMI Originate); absent otherwise. */
  dial?(number: string): Promise<void>;
  /** The PBX's queues as the source follows them (AMI only; null before start and after stop). */
  queueTracker?(): QueueTracker | null;
  /**
   * The PBX follows the agent's manual state (AMI QueuePause on every queue the agent's
   * extension is a member of; `reason` e.g. kefu:break). Sticky: applied at the next login when
   * not connected. Never rejects: failures show in status().lastError (AMI only).
   */
  setQueuePaused?(paused: boolean, reason: string): Promise<void>;
}
