import { v7 as uuidv7 } from 'uuid';
import type { CallCard, CallMatch, CallerNumber, Disposition } from '../../../shared/contract/call-schemas';
import type { CustomerCreate } from '../../../shared/contract/customer-schemas';
import { CoreError } from '../../../shared/contract/result';
import { formatPhone, maskPhone, normalizePhone, phoneLookupKeys, type NormalizedPhone } from '../../../shared/domain/phone';
import { areaOfNormalized, phoneTimeZone } from '../../../shared/domain/phone-area';
import { nextAllowedTime } from '../../../shared/domain/callback-rules';
import { createCallback } from '../callbacks/create-callback';
import { loadSchedulingSettings } from '../callbacks/settings';
import { emitCallbackChanges } from '../callbacks/views';
import type { ServiceContext } from '../create-core';
import { auditRead, type Row } from '../store/change-log';
import { insertCallInteraction, updateCallInteraction } from '../store/calls-repo';
import { createCustomer } from '../store/customers-repo';
import { findCustomerIdsByPhone, getCandidates, getCardCustomer, getEarlierUnknownCalls, getLineName } from '../store/screen-pop-repo';
import { stmt } from '../store/statements';
import type { CtiCallEvent } from './cti-source';

// The screen-pop path. Every CTI source (AMI, URL, command line, simulator) hands its events
// to `handle`; a ring builds the card from the store and emits `call.changed` at once, and only
// then logs the interaction, so the commit's fsync is never between the ring and the card.
// Active calls live here (by the source's call id) and in their interaction row.

/** Missed-call callbacks are due within this of the accept. */
export const MISSED_CALL_CALLBACK_WINDOW_MS = 2 * 3_600_000;
/** Ended cards the agent has not dismissed are kept up to this many; the oldest go first. */
export const MAX_ENDED_CARDS = 100;
const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

interface Caller {
  raw: string;
  phone: NormalizedPhone | null;
  /** The raw number's digits (and a leading '+'); '' for a withheld or non-numeric caller id. */
  digits: string;
  /** What the interaction stores as from_number: E.164 when it parses, else the digits, else null. */
  stored: string | null;
}

interface ActiveCall {
  card: CallCard;
  caller: Caller;
  customerId: string | null;
  /** The interaction row exists (its insert may have failed, e.g. disk full; retried on the next write). */
  logged: boolean;
}

export interface CallCenterStats {
  active: number;
  /** answered / ended for a call id the seat never saw ring (or already dismissed). */
  ignoredEvents: number;
  /** A second ring, answer or hang-up for the same call. */
  duplicateEvents: number;
}

export interface CallCenter {
  /** A source's event; never throws (a source must not be able to break the seat). */
  handle(e: CtiCallEvent): void;
  cards(): CallCard[];
  card(callId: string): CallCard;
  setState(callId: string, state: 'answered' | 'ended'): CallCard;
  chooseCustomer(callId: string, customerId: string): CallCard;
  createCustomer(callId: string, customer: Omit<CustomerCreate, 'phones'>): CallCard;
  wrapUp(callId: string, disposition: Disposition, summary: string): CallCard;
  acceptCallbackOffer(callId: string): CallCard;
  dismiss(callId: string): void;
  stats(): CallCenterStats;
  /** Stop handling events (the core is closing). */
  close(): void;
}

const DIGITS = /[^\d]/g;

function readCaller(raw: string): Caller {
  const text = raw.normalize('NFKC').trim();
  const phone = normalizePhone(text);
  const digits = (text.startsWith('+') ? '+' : '') + text.replace(DIGITS, '');
  const bare = digits === '+' ? '' : digits;
  return { raw: text, phone, digits: bare, stored: phone?.e164 ?? (bare || null) };
}

/** Agents see the caller masked; supervisors and admins see it in full (and that read is audited). */
const seesNumbers = (role: string) => role !== 'agent';

export function createCallCenter(ctx: ServiceContext, log: (message: string, err?: unknown) => void): CallCenter {
  const calls = new Map<string, ActiveCall>();
  const fullNumbers = seesNumbers(ctx.seat.role);
  let ignoredEvents = 0;
  let duplicateEvents = 0;
  let closed = false;

  /** Chinese numbers are masked in the form agents dial them ('021****4567'), others internationally ('+852 ******67'). */
  const showPhone = (number: string): string =>
    fullNumbers ? formatPhone(number) : maskPhone(number.startsWith('+86') ? formatPhone(number) : number);

  function callerView(c: Caller): CallerNumber {
    const { country, area } = areaOfNormalized(c.phone);
    const number = c.phone?.e164 ?? c.digits;
    return { display: number ? showPhone(number) : '', masked: !fullNumbers, country, area };
  }

  function matchFor(c: Caller, now: number): { match: CallMatch; customerId: string | null } {
    const keys = c.phone ? { e164: c.phone.e164, national: c.phone.national } : c.digits ? phoneLookupKeys(c.raw) : null;
    const ids = keys ? findCustomerIdsByPhone(ctx.db, keys) : [];
    if (ids.length === 1) {
      const customer = getCardCustomer(ctx.db, ids[0]!, now);
      if (customer) return { match: { kind: 'customer', customer }, customerId: customer.id };
    }
    if (ids.length > 1) return { match: { kind: 'choose', candidates: getCandidates(ctx.db, ids, showPhone) }, customerId: null };
    return { match: { kind: 'unknown', earlierCalls: c.stored ? getEarlierUnknownCalls(ctx.db, c.stored) : [] }, customerId: null };
  }

  const emitCard = (call: ActiveCall, patch: Partial<CallCard>): CallCard => {
    call.card = { ...call.card, ...patch };
    ctx.emit('call.changed', call.card);
    return call.card;
  };

  function interactionRow(call: ActiveCall) {
    const c = call.card;
    return {
      customer_id: call.customerId,
      answered_at: c.answeredAt,
      ended_at: c.endedAt,
      duration_s: c.endedAt === null ? null : c.answeredAt === null ? 0 : Math.max(0, Math.round((c.endedAt - c.answeredAt) / 1000)),
      outcome: c.state === 'ringing' ? 'ringing' : c.state === 'answered' ? 'answered' : c.answeredAt === null ? 'missed' : 'completed',
    } satisfies Row;
  }

  /** Writes the call's interaction: inserts it if the ring's insert did not happen, else updates the fields given. */
  function writeInteraction(call: ActiveCall, patch: Row, action: string): void {
    if (call.logged) {
      updateCallInteraction(ctx.writes, call.card.interactionId, patch, action);
      return;
    }
    ctx.db.transaction(() => {
      insertCallInteraction(ctx.writes, {
        id: call.card.interactionId,
        customerId: call.customerId,
        agentId: ctx.seat.agentId,
        startedAt: call.card.ringAt,
        callId: call.card.callId,
        fromNumber: call.caller.stored,
        toNumber: call.card.dnis,
        queue: call.card.queue,
        waitS: call.card.waitS,
      });
      // A retry after a failed insert: bring the row up to the call's state in the same transaction.
      if (call.card.state !== 'ringing' || Object.keys(patch).length > 0)
        updateCallInteraction(ctx.writes, call.card.interactionId, { ...interactionRow(call), ...patch }, action);
      // The seat saw the caller's full number: a read of personal data, audited with the call.
      if (fullNumbers && call.caller.stored) auditRead(ctx.writes, 'interactions', call.card.interactionId, 'caller number');
    })();
    call.logged = true;
  }

  /** After the card is out: a failed write is logged and retried with the next change, never thrown at the source. */
  function persist(call: ActiveCall, patch: Row, action: string): void {
    try {
      writeInteraction(call, patch, action);
    } catch (err) {
      log(`could not log call ${call.card.callId} (${action})`, err);
    }
  }

  function evictEnded(): void {
    let ended = 0;
    for (const c of calls.values()) if (c.card.state === 'ended') ended++;
    for (const [id, c] of calls) {
      if (ended <= MAX_ENDED_CARDS) break;
      if (c.card.state !== 'ended') continue;
      calls.delete(id);
      ended--;
      ctx.emit('call.dismissed', { callId: id });
    }
  }

  function ring(e: Extract<CtiCallEvent, { type: 'ringing' }>): void {
    const existing = calls.get(e.callId);
    if (existing && existing.card.state !== 'ended') {
      duplicateEvents++;
      return;
    }
    if (existing) calls.delete(e.callId); // the same call id ringing again after it ended: a new call
    const now = ctx.clock.now();
    const caller = readCaller(e.from ?? '');
    const dnis = e.dnis ? e.dnis.trim() || null : null;
    const { match, customerId } = matchFor(caller, now);
    const call: ActiveCall = {
      caller,
      customerId,
      logged: false,
      card: {
        callId: e.callId,
        interactionId: uuidv7(),
        source: e.source,
        state: 'ringing',
        caller: callerView(caller),
        dnis,
        lineName: dnis ? getLineName(ctx.db, dnis) : null,
        queue: e.queue?.trim() || null,
        waitS: typeof e.waitS === 'number' && Number.isFinite(e.waitS) ? Math.max(0, Math.round(e.waitS)) : null,
        ringAt: e.at,
        answeredAt: null,
        endedAt: null,
        missed: false,
        callbackOffered: false,
        callbackId: null,
        wrappedUp: false,
        match,
      },
    };
    calls.set(e.callId, call);
    ctx.emit('call.changed', call.card);
    persist(call, {}, 'call.ring');
    evictEnded();
  }

  function answered(call: ActiveCall, at: number): void {
    emitCard(call, { state: 'answered', answeredAt: at });
    persist(call, { answered_at: at, outcome: 'answered' }, 'call.answer');
  }

  function ended(call: ActiveCall, at: number): void {
    const missed = call.card.state === 'ringing';
    emitCard(call, { state: 'ended', endedAt: at, missed, callbackOffered: missed && call.caller.stored !== null });
    const { ended_at, duration_s, outcome } = interactionRow(call);
    persist(call, { ended_at, duration_s, outcome }, 'call.end');
  }

  /** One transaction; if it rolls back, the call's in-memory link state goes back with it. */
  function inTransaction<T>(call: ActiveCall, fn: () => T): T {
    const { customerId, logged } = call;
    try {
      return ctx.db.transaction(fn)();
    } catch (err) {
      call.customerId = customerId;
      call.logged = logged;
      throw err;
    }
  }

  const find = (callId: string): ActiveCall => {
    const call = calls.get(callId);
    if (!call) throw new CoreError('not_found', 'errors.callNotFound');
    return call;
  };

  /**
   * Links the call's interaction to a customer and returns that customer's card. User actions
   * write first and show after: the agent must never see a link that was not saved.
   */
  function linkCustomer(call: ActiveCall, customerId: string, action: string): CallMatch {
    const customer = getCardCustomer(ctx.db, customerId, ctx.clock.now());
    if (!customer) throw new CoreError('not_found', 'errors.customerNotFound');
    const previous = call.customerId;
    call.customerId = customerId;
    try {
      writeInteraction(call, { customer_id: customerId }, action);
    } catch (err) {
      call.customerId = previous;
      throw err;
    }
    return { kind: 'customer', customer };
  }

  return {
    handle(e) {
      if (closed) return;
      try {
        if (e.type === 'ringing') return ring(e);
        const call = calls.get(e.callId);
        if (!call) {
          ignoredEvents++;
          return;
        }
        if (e.type === 'answered') {
          if (call.card.state !== 'ringing') duplicateEvents++;
          else answered(call, e.at);
        } else if (call.card.state === 'ended') duplicateEvents++;
        else ended(call, e.at);
      } catch (err) {
        log(`CTI event ${e.type} for ${e.callId} failed`, err);
      }
    },
    cards: () => [...calls.values()].map((c) => c.card),
    card: (callId) => find(callId).card,
    setState(callId, state) {
      const call = find(callId);
      const now = ctx.clock.now();
      if (state === 'answered') {
        if (call.card.state === 'ended') throw new CoreError('invalid_input', 'errors.callAlreadyEnded');
        if (call.card.state === 'ringing') answered(call, now);
      } else if (call.card.state !== 'ended') ended(call, now);
      return call.card;
    },
    chooseCustomer(callId, customerId) {
      const call = find(callId);
      return emitCard(call, { match: linkCustomer(call, customerId, 'call.chooseCustomer') });
    },
    createCustomer(callId, customer) {
      const call = find(callId);
      // The caller's number becomes the first phone when it is a dialable number; a withheld or
      // short-code caller id cannot be saved as a phone, so such a customer is created without it.
      const phones = call.caller.phone ? [call.caller.phone.e164] : [];
      let id = '';
      const match = inTransaction(call, () => {
        id = createCustomer(ctx.writes, { ...customer, phones });
        return linkCustomer(call, id, 'call.createCustomer');
      });
      ctx.emit('customer.changed', { id });
      return emitCard(call, { match });
    },
    wrapUp(callId, disposition, summary) {
      const call = find(callId);
      if (call.card.state !== 'ended') throw new CoreError('invalid_input', 'errors.callNotEnded');
      writeInteraction(call, { disposition, summary: summary.trim() || null }, 'call.wrapUp');
      return emitCard(call, { wrappedUp: true });
    },
    acceptCallbackOffer(callId) {
      const call = find(callId);
      if (!call.card.missed) throw new CoreError('invalid_input', 'errors.notMissedCall');
      if (call.card.callbackId) return call.card;
      if (!call.caller.stored) throw new CoreError('invalid_input', 'errors.noCallerNumber');
      // Through the callbacks module's create, so its rules apply (quiet hours, do-not-contact).
      // Due now in the caller's zone (from the number), or when calling is allowed again if the
      // call came in during quiet hours; the window is two hours long either way.
      const timeZone = phoneTimeZone(call.caller.phone) ?? seatTimeZone();
      const windowStart = nextAllowedTime(ctx.clock.now(), timeZone, loadSchedulingSettings(ctx.db).quietHours);
      const callbackId = inTransaction(call, () => {
        if (!call.logged) writeInteraction(call, {}, 'call.end');
        return createCallback(
          ctx,
          {
            customerId: call.customerId,
            phone: call.caller.stored!,
            reason: 'missed_call',
            windowStart,
            windowEnd: windowStart + MISSED_CALL_CALLBACK_WINDOW_MS,
            timeZone,
            priority: 2,
            assignee: { kind: 'me' },
            note: null,
            complaintId: null,
            promiseId: null,
            interactionId: call.card.interactionId,
          },
          { keepUnparsedPhone: true },
        );
      });
      emitCallbackChanges(ctx, [callbackId]);
      return emitCard(call, { callbackId });
    },
    dismiss(callId) {
      const call = find(callId);
      if (call.card.state !== 'ended') throw new CoreError('invalid_input', 'errors.callNotEnded');
      calls.delete(callId);
      ctx.emit('call.dismissed', { callId });
    },
    stats: () => ({ active: calls.size, ignoredEvents, duplicateEvents }),
    close() {
      closed = true;
    },
  };

  /** A caller whose country is unknown is called back in the seat's branch's zone. */
  function seatTimeZone(): string {
    return (
      stmt<[string], { time_zone: string }>(
        ctx.db,
        'SELECT b.time_zone FROM agents a JOIN branches b ON b.id = a.branch_id WHERE a.id = ?',
      ).get(ctx.seat.agentId)?.time_zone ?? FALLBACK_TIME_ZONE
    );
  }
}
