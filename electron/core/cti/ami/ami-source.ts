// The AMI CtiSource: one AMI session (ami-connection) feeding one extension's call tracker,
// reporting its health, and dialling out with Originate.

import { systemClock, type Clock } from '../../clock';
import type { CtiCallEvent, CtiSource, CtiSourceStatus } from '../cti-source';
import { AmiCallTracker } from './ami-call-tracker';
import { AmiConnection, type AmiConnectionOptions } from './ami-connection';
import { systemTimers } from './ami-timers';
import { queueStatusAction, queueSummaryAction } from './queue-actions';
import { createQueueTracker, type QueueTracker } from './queue-tracker';

export interface AmiSourceOptions extends Omit<AmiConnectionOptions, 'events'> {
  /** The agent's extension, e.g. '8001': only calls reaching it are reported. */
  extension: string;
  clock?: Clock;
  /** Dialplan context Originate sends the dialled number to (FreePBX/Issabel: from-internal). */
  context?: string;
  /** Channel technology of the agent's phone for Originate (PJSIP on current FreePBX; SIP on old chan_sip systems). */
  technology?: string;
  /** CallerID for Originate; default `"<number>" <extension>` (see dial()). */
  originateCallerId?: (number: string, extension: string) => string;
  /** How long dial() waits for the PBX to accept the Originate. */
  dialTimeoutMs?: number;
  /** QueueStatus + QueueSummary poll for the wallboard's queue tracker, also sent at each login (default 60 s; 0: only at login). */
  queuePollMs?: number;
}

// Digits plus the characters a dialplan accepts from a phone keypad; anything else (letters,
// spaces left after cleaning, control characters) is refused before it reaches the PBX.
const DIALLABLE = /^\+?[0-9*#]{1,40}$/;
// Formatting people paste with numbers: 138-1234-5678, (021) 6123 4567, +86 138.1234.5678.
const FORMATTING = /[\s\-().]/g;

export function createAmiSource(options: AmiSourceOptions): CtiSource {
  const clock = options.clock ?? systemClock;
  const context = options.context ?? 'from-internal';
  const technology = options.technology ?? 'PJSIP';
  const callerId = options.originateCallerId ?? defaultOriginateCallerId;
  let tracker: AmiCallTracker | null = null;
  // The wallboard's queue tracker: fed every event after the call tracker (the screen pop goes first).
  let queues: QueueTracker | null = null;
  let queuePoll: unknown = null;
  const timers = options.timers ?? systemTimers;
  const queuePollMs = options.queuePollMs ?? 60_000;
  let connection: AmiConnection | null = null;
  let emit: (e: CtiCallEvent) => void = () => {};
  let onStatus: (s: CtiSourceStatus) => void = () => {};
  let extraError: string | null = null;
  let loggedInBefore = false;
  let lastReported = '';

  const status = (): CtiSourceStatus => ({
    state: connection?.state ?? 'off',
    malformedLines: (connection?.malformedCount ?? 0) + (tracker?.counts.malformedEvents ?? 0),
    unknownEvents: tracker?.counts.unknownEvents ?? 0,
    lastError: extraError ?? connection?.lastError ?? null,
  });

  // Called after every change; only tells the listener when something it shows changed, so a
  // burst of garbage is not a burst of UI updates.
  const report = () => {
    const s = status();
    const key = JSON.stringify(s);
    if (key === lastReported) return;
    lastReported = key;
    onStatus(s);
  };

  const deliver = (events: CtiCallEvent[]) => {
    for (const e of events) emit(e);
  };

  /**
   * After a reconnect, calls we were following may have ended while we could not hear. Ask the
   * PBX which channels still exist (CoreShowChannels) and end ours that are gone. The AMI user
   * needs write=reporting (or system) for that; without it the calls are kept (a live call ended
   * on screen mid-conversation would be worse) and the reason is shown in lastError.
   */
  const reconcileAfterReconnect = async () => {
    const t = tracker;
    const c = connection;
    if (!t || !c) return;
    const before = t.activeCalls().flatMap((call) => call.channels);
    if (before.length === 0) return;
    try {
      const { response, events } = await c.sendListAction('CoreShowChannels');
      if ((response.response ?? '').toLowerCase() !== 'success') {
        extraError = `could not check calls in progress after reconnecting: CoreShowChannels ${response.get('Message') ?? 'refused'} (grant the AMI user write=reporting)`;
        report();
        return;
      }
      const live = new Set(events.map((e) => e.get('Uniqueid')).filter((u): u is string => !!u));
      if (tracker !== t) return; // stopped meanwhile
      deliver(t.channelsGone(before.filter((uid) => !live.has(uid)), 'ended while AMI was disconnected'));
      report();
    } catch (err) {
      extraError = `could not check calls in progress after reconnecting: ${(err as Error).message}`;
      report();
    }
  };

  /**
   * QueueStatus (callers waiting, members; reconciles what was lost while disconnected) and
   * QueueSummary. Needs the AMI user's read=agent (for the rows); a PBX without queues answers
   * an empty list. Failures are silent: the next poll tries again.
   */
  const pollQueues = async () => {
    const q = queues;
    const c = connection;
    if (!q || !c || c.state !== 'connected') return;
    try {
      const status = queueStatusAction();
      const r = await c.sendListAction(status.action, status.fields);
      if (queues === q && (r.response.response ?? '').toLowerCase() === 'success') q.applyQueueStatus(r.events);
      const summary = queueSummaryAction();
      const s = await c.sendListAction(summary.action, summary.fields);
      if (queues === q && (s.response.response ?? '').toLowerCase() === 'success') q.applyQueueSummary(s.events);
    } catch {
      // disconnected or timed out: the next login or poll asks again
    }
  };

  const scheduleQueuePoll = () => {
    if (queuePollMs <= 0) return;
    queuePoll = timers.setTimeout(() => {
      queuePoll = null;
      if (!queues) return;
      void pollQueues().finally(() => {
        if (queues && queuePoll === null) scheduleQueuePoll();
      });
    }, queuePollMs);
  };

  return {
    name: 'ami',

    queueTracker: () => queues,

    start(emitFn, onStatusFn) {
      if (connection) throw new Error('AMI source already started; stop() it first');
      emit = emitFn;
      onStatus = onStatusFn;
      extraError = null;
      loggedInBefore = false;
      lastReported = '';
      const t = new AmiCallTracker({ extension: options.extension, now: () => clock.now(), source: 'ami' });
      tracker = t;
      const q = createQueueTracker({ clock });
      queues = q;
      connection = new AmiConnection(options, {
        onEvent(event) {
          if (tracker !== t) return;
          deliver(t.handle(event));
          q.handle(event);
          report();
        },
        onStateChange(state) {
          if (state === 'connected') {
            extraError = null;
            void pollQueues();
            if (loggedInBefore) void reconcileAfterReconnect();
            loggedInBefore = true;
          }
          report();
        },
        onCountsChanged: report,
      });
      connection.start();
      scheduleQueuePoll();
      report();
    },

    async stop() {
      const c = connection;
      if (!c) return;
      if (queuePoll !== null) timers.clearTimeout(queuePoll);
      queuePoll = null;
      queues = null;
      await c.stop();
      connection = null;
      tracker = null;
      report();
    },

    status,

    /**
     * Click-to-dial: Asterisk first rings the agent's own phone (Channel), and when the agent
     * picks up, dials `number` in `context`. Resolves once the PBX has accepted the request
     * (Async: the call itself is then under way), rejects with the PBX's reason otherwise.
     */
    async dial(number: string) {
      const cleaned = number.replace(FORMATTING, '');
      if (!DIALLABLE.test(cleaned)) throw new Error(`Cannot dial ${JSON.stringify(number)}: only digits, +, * and # are allowed`);
      const c = connection;
      if (!c || c.state !== 'connected') throw new Error(`Cannot dial: the PBX (AMI) is not connected (state: ${c?.state ?? 'off'})`);
      const response = await c.sendAction(
        'Originate',
        {
          Channel: `${technology}/${options.extension}`,
          Exten: cleaned,
          Context: context,
          Priority: 1,
          CallerID: callerId(cleaned, options.extension),
          Async: 'true',
        },
        options.dialTimeoutMs ?? options.actionTimeoutMs ?? 10_000,
      );
      if ((response.response ?? '').toLowerCase() !== 'success') {
        throw new Error(`The PBX refused to dial ${cleaned}: ${response.get('Message') ?? response.response ?? 'no reason given'}`);
      }
    },
  };
}

/**
 * The name shows the dialled number on the agent's phone while it rings for the click-to-dial;
 * the number stays the agent's extension because FreePBX's macro-user-callerid derives the
 * user (and so the outbound caller ID presented on the trunk) from CALLERID(num).
 */
function defaultOriginateCallerId(number: string, extension: string): string {
  return `"${number}" <${extension}>`;
}
