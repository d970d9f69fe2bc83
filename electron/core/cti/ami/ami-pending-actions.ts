// Actions waiting for their Response, matched by ActionID (AMI answers in any order and
// interleaves events, so ActionID is the only reliable link). Each has a timeout: a PBX that
// accepted the TCP connection but stopped answering must not leave a click-to-dial hanging.

import type { AmiMessage } from './ami-message';
import type { AmiTimers } from './ami-timers';

/** A list action's answer: its Response and the events it announced (`EventList: start` … `Complete`). */
export interface AmiListResult {
  response: AmiMessage;
  events: AmiMessage[];
}

type Entry =
  | { kind: 'single'; resolve: (m: AmiMessage) => void; reject: (e: Error) => void; timer: unknown }
  | {
      kind: 'list';
      resolve: (r: AmiListResult) => void;
      reject: (e: Error) => void;
      timer: unknown;
      response: AmiMessage | null;
      events: AmiMessage[];
    };

export class AmiActionTimeoutError extends Error {
  override readonly name = 'AmiActionTimeoutError';
}

export class PendingActions {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly timers: AmiTimers) {}

  get size(): number {
    return this.entries.size;
  }

  /** Resolves with the Response whatever it says (Success, Error, Goodbye…); the caller decides. */
  expectResponse(actionId: string, action: string, timeoutMs: number): Promise<AmiMessage> {
    return new Promise((resolve, reject) => {
      const timer = this.startTimer(actionId, action, timeoutMs, reject);
      this.entries.set(actionId, { kind: 'single', resolve, reject, timer });
    });
  }

  expectList(actionId: string, action: string, timeoutMs: number): Promise<AmiListResult> {
    return new Promise((resolve, reject) => {
      const timer = this.startTimer(actionId, action, timeoutMs, reject);
      this.entries.set(actionId, { kind: 'list', resolve, reject, timer, response: null, events: [] });
    });
  }

  /** True when the message answered one of our actions (so it is not a call event). */
  accept(message: AmiMessage): boolean {
    const id = message.actionId;
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (id === undefined || !entry) return false;
    const response = message.response;
    if (entry.kind === 'single') {
      if (response === undefined) return false;
      this.finish(id, entry);
      entry.resolve(message);
      return true;
    }
    if (response !== undefined) {
      if (response.toLowerCase() !== 'success') {
        this.finish(id, entry);
        entry.resolve({ response: message, events: [] });
      } else {
        entry.response = message;
      }
      return true;
    }
    const isComplete = (message.get('EventList') ?? '').toLowerCase() === 'complete';
    if (!isComplete) entry.events.push(message);
    if (isComplete && entry.response) {
      this.finish(id, entry);
      entry.resolve({ response: entry.response, events: entry.events });
    }
    return true;
  }

  rejectAll(error: Error): void {
    for (const [id, entry] of [...this.entries]) {
      this.finish(id, entry);
      entry.reject(error);
    }
  }

  private startTimer(actionId: string, action: string, timeoutMs: number, reject: (e: Error) => void): unknown {
    return this.timers.setTimeout(() => {
      this.entries.delete(actionId);
      reject(new AmiActionTimeoutError(`AMI ${action} got no response within ${timeoutMs} ms`));
    }, timeoutMs);
  }

  private finish(id: string, entry: Entry): void {
    this.timers.clearTimeout(entry.timer);
    this.entries.delete(id);
  }
}
