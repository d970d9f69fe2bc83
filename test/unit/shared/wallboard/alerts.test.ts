import { describe, expect, it } from 'vitest';
import { computeWallboardFigures, evaluateAlerts, type QueueCallRecord, type WallboardAlert } from '../../../../shared/domain/wallboard';

const T0 = Date.UTC(2026, 10, 26, 1, 0, 0);
const S = 1000;
const MIN = 60 * S;

function waitingFigures(now: number, n: number, queue = 'hotel') {
  return computeWallboardFigures([], {}, { now, waiting: Array.from({ length: n }, () => ({ queue, joinedAt: now - 10 * S })) });
}
function answeredWithin(k: number, of: number): QueueCallRecord[] {
  return Array.from({ length: of }, (_, i) => {
    const waitS = i < k ? 5 : 40;
    return { queue: 'hotel', offeredAt: T0, answeredAt: T0 + waitS * S, abandonedAt: null, endedAt: T0 + 100 * S, waitS, talkS: 60, wrapS: 0 };
  });
}

describe('wallboard alerts', () => {
  it('waiting > N raises once per episode, with hysteresis, keeping raisedAt', () => {
    const t = { waitingAbove: 5, serviceLevelTargetPct: null };
    let prev: WallboardAlert[] = [];
    const step = (at: number, n: number) => {
      const r = evaluateAlerts({ now: at, figures: waitingFigures(at, n) }, t, prev);
      prev = r.active;
      return r;
    };
    expect(step(T0, 5).active).toEqual([]); // 5 is not > 5
    const first = step(T0 + S, 6);
    expect(first.raised.map((a) => a.id)).toEqual(['waiting:centre', 'waiting:queue:hotel']);
    expect(first.raised[1]).toMatchObject({ kind: 'waiting', scope: 'hotel', value: 6, threshold: 5, raisedAt: T0 + S, messageKey: 'wallboard.alert.waiting' });
    const hover = step(T0 + 2 * S, 5); // back to 5: inside the hysteresis band, still active, not re-raised
    expect(hover.raised).toEqual([]);
    expect(hover.active.map((a) => [a.id, a.value, a.raisedAt])).toEqual([['waiting:centre', 5, T0 + S], ['waiting:queue:hotel', 5, T0 + S]]);
    expect(step(T0 + 3 * S, 6).raised).toEqual([]);
    const calm = step(T0 + 4 * S, 4);
    expect(calm.active).toEqual([]);
    expect(calm.cleared).toEqual(['waiting:centre', 'waiting:queue:hotel']);
    const again = step(T0 + 5 * S, 7);
    expect(again.raised.map((a) => a.raisedAt)).toEqual([T0 + 5 * S, T0 + 5 * S]); // a new episode
  });

  it('service level below target, with a minimum of calls and a 2-point hysteresis', () => {
    const t = { waitingAbove: null, serviceLevelTargetPct: 80, serviceLevelMinCalls: 5 };
    const at = (records: QueueCallRecord[], prev: WallboardAlert[] = []) => evaluateAlerts({ now: T0, figures: computeWallboardFigures(records) }, t, prev);
    expect(at(answeredWithin(0, 4)).active).toEqual([]); // 0 % but only 4 calls
    const low = at(answeredWithin(3, 5)); // 60 %
    expect(low.raised.map((a) => [a.id, a.value, a.threshold])).toEqual([['service_level:centre', 60, 80], ['service_level:queue:hotel', 60, 80]]);
    expect(at(answeredWithin(4, 5), low.active).active).toHaveLength(2); // exactly 80 %: below 82, stays
    const ok = at(answeredWithin(41, 50), low.active); // 82 %
    expect(ok.active).toEqual([]);
    expect(ok.cleared).toHaveLength(2);
    expect(at(answeredWithin(4, 5)).active).toEqual([]); // 80 % is not below 80
  });

  it('complaint SLA breaches and silent branches', () => {
    const now = T0 + 60 * MIN;
    const branches = [
      { branchId: 'hz-west', lastSeenAt: now - 16 * MIN },
      { branchId: 'sh-bund', lastSeenAt: now - 2 * MIN },
      { branchId: 'new', lastSeenAt: null },
    ];
    const r = evaluateAlerts({ now, complaintSlaBreached: 2, branches }, { branchSilentMinutes: 15 });
    expect(r.active.map((a) => [a.id, a.value])).toEqual([['branch_silent:hz-west', 16], ['complaint_sla', 2]]);
    const later = evaluateAlerts(
      { now: now + MIN, complaintSlaBreached: 3, branches: [{ branchId: 'hz-west', lastSeenAt: now + 30 * S }] },
      { branchSilentMinutes: 15 },
      r.active,
    );
    expect(later.raised).toEqual([]); // more breaches update the value, no second banner
    expect(later.active.map((a) => [a.id, a.value, a.raisedAt])).toEqual([['complaint_sla', 3, now]]);
    expect(later.cleared).toEqual(['branch_silent:hz-west']);
    expect(evaluateAlerts({ now, complaintSlaBreached: 0 }, {}, later.active).cleared).toEqual(['complaint_sla']);
  });
});
