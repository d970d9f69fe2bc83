import { describe, expect, it } from 'vitest';
import { agentStateSummary, type PresenceRecord } from '../../../../shared/domain/wallboard';

const T0 = Date.UTC(2026, 10, 26, 1, 0, 0);
const S = 1000;

describe('agent state summary', () => {
  const records: PresenceRecord[] = [
    { agentId: 'a1', state: 'available', since: T0, name: 'Wang Fang' },
    { agentId: 'a1', state: 'on_call', since: T0 + 60 * S },
    { agentId: 'a1', state: 'on_call', since: T0 + 90 * S }, // same stretch: time runs from 60 s
    { agentId: 'a2', state: 'break', since: T0 + 30 * S },
    { agentId: 'a3', state: 'offline', since: T0 },
    { agentId: 'a3', state: 'available', since: T0 + 200 * S }, // after now: ignored
    { agentId: 'a4', state: 'on_call', since: T0 + 100 * S },
  ];

  it('current state, time in state, counts and order', () => {
    const { counts, agents } = agentStateSummary(records, { now: T0 + 120 * S });
    expect(counts).toEqual({ available: 0, ringing: 0, on_call: 2, wrap_up: 0, break: 1, offline: 1 });
    expect(agents.map((a) => [a.agentId, a.state, a.timeInStateS, a.name])).toEqual([
      ['a1', 'on_call', 60, 'Wang Fang'],
      ['a4', 'on_call', 20, null],
      ['a2', 'break', 90, null],
      ['a3', 'offline', 120, null],
    ]);
    expect(agents[0]!.secondsByState).toBeNull();
  });

  it('seconds in each state within [from, now]', () => {
    const { agents } = agentStateSummary(records, { now: T0 + 120 * S, from: T0 + 30 * S });
    const by = Object.fromEntries(agents.map((a) => [a.agentId, a.secondsByState]));
    expect(by.a1).toMatchObject({ available: 30, on_call: 60 });
    expect(by.a2).toMatchObject({ break: 90 });
    expect(by.a3).toMatchObject({ offline: 90, available: 0 });
    expect(by.a4).toMatchObject({ on_call: 20 });
  });

  it('no records: nobody', () => {
    expect(agentStateSummary([], { now: T0 })).toEqual({
      counts: { available: 0, ringing: 0, on_call: 0, wrap_up: 0, break: 0, offline: 0 },
      agents: [],
    });
  });
});
