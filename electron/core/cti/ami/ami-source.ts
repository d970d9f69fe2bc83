// The AMI CtiSource: one AMI session (ami-connection) feeding one extension's call tracker,
// reporting its health, and dialling out with Originate.

import { systemClock, type Clock } from '../../clock';
import type { CtiCallEvent, CtiSource, CtiSourceStatus } from '../cti-source';
import { AmiCallTracker } from './ami-call-tracker';
import { AmiConnection, type AmiConnectionOptions } from './ami-connection';
import { extensionDeviceMatcher } from './ami-device';
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
  // Queue pause (the PBX follows the agent's break / offline), see setQueuePaused below.
  let wantedPause: { paused: boolean; reason: string } | null = null;
  let pauseError: string | null = null;
  let pauseChain: Promise<void> = Promise.resolve();
  const isAgentDevice = extensionDeviceMatcher(options.extension);

  const status = (): CtiSourceStatus => ({
    state: connection?.state ?? 'off',
    malformedLines: (connection?.malformedCount ?? 0) + (tracker?.counts.malformedEvents ?? 0),
    unknownEvents: tracker?.counts.unknownEvents ?? 0,
    lastError: extraError ?? pauseError ?? connection?.lastError ?? null,
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

  /**
   * The agent's queue-member interfaces, each with whether the PBX has it paused in every queue
   * (null: not known). From the queue tracker (PJSIP/8001, Local/8001@from-queue/n… in any
   * queue); when it knows no member for the extension (QueueStatus not answered yet, or the AMI
   * user lacks read=agent), `${technology}/${extension}`, but only if the tracker would
   * recognise that interface as this extension's (so its QueueMemberPause events are followed).
   */
  const pauseTargets = (): { iface: string; paused: boolean | null }[] | string => {
    const members = (queues?.snapshot().members ?? []).filter((m) => isAgentDevice(m.interface));
    if (members.length > 0) {
      const byIface = new Map<string, boolean>();
      for (const m of members) byIface.set(m.interface, (byIface.get(m.interface) ?? true) && m.paused);
      return [...byIface].map(([iface, paused]) => ({ iface, paused }));
    }
    const fallback = `${technology}/${options.extension}`;
    if (isAgentDevice(fallback)) return [{ iface: fallback, paused: null }];
    return `the PBX lists no queue member for extension ${options.extension}, and ${fallback} is not an interface its queue events would match`;
  };

  /**
   * Sends QueuePause for `wantedPause` (no Queue field: every queue the member is in). `atLogin`:
   * only to interfaces whose paused state differs from the wanted one (after QueueStatus). An
   * unpause that went through is forgotten (see setQueuePaused). Failures go to lastError and
   * are retried at the next login; they never throw.
   */
  const applyPause = async (atLogin: boolean): Promise<void> => {
    const want = wantedPause;
    const c = connection;
    if (!want || !c || c.state !== 'connected') return;
    const verb = want.paused ? 'pause' : 'unpause';
    const fail = (why: string) => {
      if (wantedPause === want) pauseError = `could not ${verb} extension ${options.extension} in the PBX queues (${want.reason}): ${why}; will retry at the next login`;
    };
    const targets = pauseTargets();
    if (typeof targets === 'string') {
      fail(targets);
      report();
      return;
    }
    let ok = true;
    for (const t of targets) {
      if (atLogin && t.paused === want.paused) continue;
      try {
        const response = await c.sendAction(
          'QueuePause',
          { Interface: t.iface, Paused: want.paused ? 'true' : 'false', Reason: want.reason },
          options.actionTimeoutMs ?? 10_000,
        );
        if ((response.response ?? '').toLowerCase() !== 'success') {
          ok = false;
          fail(`the PBX answered ${response.get('Message') ?? response.response ?? 'no reason given'} for ${t.iface}`);
        }
      } catch (err) {
        ok = false;
        fail(`${(err as Error).message} (${t.iface})`);
      }
    }
    if (ok && wantedPause === want) {
      pauseError = null;
      if (!want.paused) wantedPause = null;
    }
    report();
  };

  /** Pause actions run one after another, so a login reconcile and a new state never interleave. */
  const queuePause = (atLogin: boolean): Promise<void> => {
    const run = pauseChain.then(() => applyPause(atLogin));
    pauseChain = run.catch(() => undefined);
    return run;
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
            // Queue pause once QueueStatus has told us the members' paused state.
            void pollQueues().then(() => queuePause(true));
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
     * The PBX follows the agent's break / offline: QueuePause for every queue-member interface
     * of the extension (Paused true with `reason`, e.g. kefu:break; false on the way back).
     * The wanted state is sticky in this source:
     * - paused: kept; at every login, after the QueueStatus poll, the interfaces the PBX does
     *   not have paused are paused again (a missed action or a PBX restart cannot leave an agent
     *   on break taking queue calls);
     * - unpaused: sent now, or at the next login if the member is still paused then; once
     *   it went through it is forgotten, so a pause the agent's phone or the PBX made on its own
     *   is not undone at every reconnect (we only unpause on an explicit transition).
     * Never rejects: not connected → applied at the next login; a refusal or timeout → lastError
     * (plain English) and retried at the next login.
     */
    setQueuePaused(paused: boolean, reason: string) {
      wantedPause = { paused, reason };
      pauseError = null;
      report();
      return queuePause(false);
    },

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
