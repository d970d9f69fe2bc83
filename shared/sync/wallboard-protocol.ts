import { z } from 'zod';
import { AgentStateName, CentreReport, WallboardSettings, WallboardSnapshot } from '../contract/wallboard-schemas';
import { LiveMessage } from './protocol';

// What seats tell the hub for the wallboard, and what the hub streams back. Presence and queue
// figures are live state, not replicated data: they bypass the outbox (a seat offline for days
// has no use for yesterday's "on call"), and the hub keeps them in its own tables.
//
//   POST /v1/wallboard/events   WallboardEvents → { accepted }        (any seat)
//   GET  /v1/wallboard          → WallboardSnapshot                   (supervisor/admin seats)
//   GET  /v1/wallboard/settings → WallboardSettings; PUT with WallboardSettings (supervisor/admin)
//   POST /v1/agents/:agentId/state  { state } → { delivered }         (supervisor/admin)
//   GET  /v1/reports/centre?from&to&intervalMinutes&zone → CentreReport (supervisor/admin)
// The /v1/live socket carries HubLiveMessage: 'changed' to everyone, 'wallboard' to
// supervisor/admin seats (one computation per change, shared by every viewer), and 'command'
// to the seats of the agent it names.

export const QueueLeg = z.object({
  queue: z.string().min(1).max(80),
  offeredAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  abandonedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  waitS: z.number().nonnegative(),
  talkS: z.number().nonnegative(),
  wrapS: z.number().nonnegative(),
  callId: z.string().max(100).optional(),
  member: z.string().max(100).nullable().optional(),
});
export type QueueLeg = z.infer<typeof QueueLeg>;

/**
 * A caller waiting in a PBX queue now. `callId` is the tracker's call id (AMI Linkedid, or the
 * caller channel's Uniqueid without one): every seat behind one PBX reports the same callers,
 * each stamped with its own clock, and the hub counts entries with a call id once per
 * (queue, callId). Optional: seats of older versions send none.
 */
export const WaitingEntry = z.object({ queue: z.string().min(1).max(80), joinedAt: z.number().int(), callId: z.string().min(1).max(100).optional() });
export type WaitingEntry = z.infer<typeof WaitingEntry>;

export const WallboardEvent = z.discriminatedUnion('type', [
  /** The seat's agent changed state. */
  z.object({ type: z.literal('presence'), agentId: z.string().min(1).max(100), agentName: z.string().max(100).nullable(), state: AgentStateName, since: z.number().int() }),
  /** Finished queue legs from the seat's AMI queue tracker (at most once per leg: keyed by callId + queue + offeredAt). */
  z.object({ type: z.literal('queue_legs'), legs: z.array(QueueLeg).max(1000) }),
  /** The PBX's callers waiting now, per queue, replacing what this seat reported before. */
  z.object({ type: z.literal('queue_live'), waiting: z.array(WaitingEntry).max(5000) }),
  /** The seat's own sync backlog, for "sync health per branch". */
  z.object({ type: z.literal('health'), pending: z.number().int().nonnegative(), parked: z.number().int().nonnegative() }),
]);
export type WallboardEvent = z.infer<typeof WallboardEvent>;

export const WallboardEvents = z.object({ seatId: z.string().min(1).max(100), events: z.array(WallboardEvent).min(1).max(100) }).strict();
export type WallboardEvents = z.infer<typeof WallboardEvents>;

export const AgentCommand = z.object({ state: z.enum(['available', 'break', 'offline']) }).strict();

export const HubLiveMessage = z.discriminatedUnion('type', [
  LiveMessage,
  z.object({ type: z.literal('wallboard'), snapshot: WallboardSnapshot }),
  z.object({ type: z.literal('command'), agentId: z.string(), state: z.enum(['available', 'break', 'offline']), by: z.string() }),
]);
export type HubLiveMessage = z.infer<typeof HubLiveMessage>;

export { CentreReport, WallboardSettings, WallboardSnapshot };
