import { v7 as uuidv7 } from 'uuid';
import type { ComplaintView } from '../../../../shared/contract/complaint-schemas';
import type { Role } from '../../../../shared/contract/customer-schemas';
import { HOUR, openSeat, value, type Clock } from '../callbacks/support';

export { HOUR, IDS, MIN, T0, value } from '../callbacks/support';
export const DAY = 24 * HOUR;

/** Complete data for each step (step 5 is driven by the follow-up result). */
export function stepData(step: 1 | 2 | 3 | 4 | 6, now: number, patch: Record<string, unknown> = {}): Record<string, string | number | boolean | null> {
  const base = {
    1: { customerWords: '订的景观房，窗外是停车场！', channel: 'phone_in', category: 'product_service', subcategory: 'room', severity: 'high', wants: '换房或退差价' },
    2: { said: '非常抱歉给您带来不好的体验。', at: now },
    3: { factsChecked: '核实订单与前台记录，情况属实', rootCause: 'process', department: '客房部' },
    4: { remedy: 'compensation', amountCents: 20_000, currency: 'CNY', customerAccepted: true },
    6: { lesson: '超售须提前告知', preventiveAction: '入住前一天主动电话确认', owner: '前厅经理', dueAt: now + 7 * 24 * HOUR },
  }[step];
  return { ...base, ...patch } as unknown as Record<string, string | number | boolean | null>;
}

/** A seat (see callbacks/support: agent in team t1 with teammate a2, a3 in team t2, supervisor s1) plus complaint helpers. */
export function complaintSeat(dataDir: string, clock: Clock, role: Role = 'agent') {
  const s = openSeat(dataDir, clock, role);
  const call = <T = ComplaintView>(channel: string, input: Record<string, unknown>) => value<T>(s.core.invoke(channel, input));
  /** A live call with the customer on this seat (the screen pop's interaction). */
  const ring = (customerId: string, ended = false): string => {
    const id = uuidv7();
    const now = clock.now();
    s.db
      .prepare("INSERT INTO interactions (id, customer_id, channel, direction, agent_id, started_at, ended_at, updated_at) VALUES (?, ?, 'phone', 'in', ?, ?, ?, ?)")
      .run(id, customerId, s.core.seat.agentId, now, ended ? now : null, now);
    return id;
  };
  const hangUp = (interactionId: string) => s.db.prepare('UPDATE interactions SET ended_at = ? WHERE id = ?').run(clock.now() - 2 * HOUR, interactionId);
  const start = (customerId: string, extra: Record<string, unknown> = {}) => call('complaints.start', { customerId, source: 'profile', ...extra });
  const complete = (id: string, step: 1 | 2 | 3 | 4 | 6, patch: Record<string, unknown> = {}) =>
    call('complaints.completeStep', { id, step, data: stepData(step, clock.now(), patch) });
  /** Steps 1–4 done (each `stepMs` apart): the complaint waits at step 5 with its follow-up callback. */
  const toFollowUp = async (id: string, stepMs = 0, patches: Partial<Record<1 | 2 | 3 | 4, Record<string, unknown>>> = {}) => {
    let v: ComplaintView | undefined;
    for (const step of [1, 2, 3, 4] as const) {
      clock.advance(stepMs);
      v = await complete(id, step, patches[step]);
    }
    return v!;
  };
  const complaintEvents = () => s.events.filter((e) => e.event.startsWith('complaints.'));
  return { ...s, call, ring, hangUp, start, complete, toFollowUp, complaintEvents };
}
