// A queue member's wallboard state (shared/domain/wallboard AgentState) from what Asterisk says.
//
// Device Status (AMI.md): 0 Unknown, 1 NotInUse, 2 InUse, 3 Busy, 4 Invalid, 5 Unavailable,
// 6 Ringing, 7 RingInUse, 8 OnHold. Per member, first match wins:
//   offline   Status 4 Invalid or 5 Unavailable (phone unregistered, member logged off)
//   on_call   Status 2, 3, 7, 8, InCall = 1, or connected to a queue caller (AgentConnect)
//   ringing   Status 6, or offered a queue call (AgentCalled) not yet answered or refused
//   break     Paused (the pause waits for the call to end: an agent paused on a call is on_call)
//   wrap_up   within the queue's wrapuptime after the member's last queue call
//   available otherwise, Status 0 Unknown included (Asterisk rings Unknown members, e.g. Local
//             interfaces without a StateInterface)
// An agent in several queues is one agent: its states across queues merge by
// on_call > ringing > wrap_up > available > break > offline (paused in one queue but taking
// calls from another is available).

import type { AgentState } from '../../../../shared/domain/wallboard';

export interface MemberFacts {
  status: number | null;
  paused: boolean;
  inCall: boolean;
  connected: boolean;
  ringing: boolean;
  /** Clock ms until which the member is in wrap-up, or null. */
  wrapUntil: number | null;
}

export function memberState(f: MemberFacts, now: number): AgentState {
  const s = f.status;
  if (s === 4 || s === 5) return 'offline';
  if (s === 2 || s === 3 || s === 7 || s === 8 || f.inCall || f.connected) return 'on_call';
  if (s === 6 || f.ringing) return 'ringing';
  if (f.paused) return 'break';
  if (f.wrapUntil !== null && now < f.wrapUntil) return 'wrap_up';
  return 'available';
}

const MERGE_ORDER: readonly AgentState[] = ['on_call', 'ringing', 'wrap_up', 'available', 'break', 'offline'];

/** One agent's state from its states in each queue. */
export function mergeMemberStates(states: readonly AgentState[]): AgentState {
  let best: AgentState = 'offline';
  for (const s of states) if (MERGE_ORDER.indexOf(s) < MERGE_ORDER.indexOf(best)) best = s;
  return best;
}
