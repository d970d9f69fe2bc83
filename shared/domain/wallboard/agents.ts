// Agents by state, with time in state, from presence records.
//
// A presence record says "from `since` on, this agent was in `state`". An agent's current state
// is its latest record at or before `now` (records stamped later are ignored); consecutive
// records with the same state are one stretch, so time in state runs from the first of them.

import { AGENT_STATES, type AgentState } from './types';

export interface PresenceRecord {
  agentId: string;
  state: AgentState;
  since: number;
  /** Display name, when the source knows one. */
  name?: string;
}

export interface AgentStateRow {
  agentId: string;
  name: string | null;
  state: AgentState;
  since: number;
  timeInStateS: number;
  /** Seconds in each state within [from, now] (only when `from` is given); time before an agent's first record is not known and not counted. */
  secondsByState: Record<AgentState, number> | null;
}

export interface AgentStateSummary {
  counts: Record<AgentState, number>;
  /** By state in AGENT_STATES order, then longest in state first, then agentId. */
  agents: AgentStateRow[];
}

export function emptyStateCounts(): Record<AgentState, number> {
  return { available: 0, ringing: 0, on_call: 0, wrap_up: 0, break: 0, offline: 0 };
}

export function agentStateSummary(records: readonly PresenceRecord[], o: { now: number; from?: number }): AgentStateSummary {
  const byAgent = new Map<string, PresenceRecord[]>();
  for (const r of records) {
    if (!Number.isFinite(r.since) || r.since > o.now || !AGENT_STATES.includes(r.state)) continue;
    const list = byAgent.get(r.agentId);
    if (list) list.push(r);
    else byAgent.set(r.agentId, [r]);
  }
  const counts = emptyStateCounts();
  const agents: AgentStateRow[] = [];
  for (const [agentId, list] of byAgent) {
    list.sort((a, b) => a.since - b.since);
    // Stretches: collapse consecutive same-state records.
    const stretches: PresenceRecord[] = [];
    for (const r of list) if (stretches[stretches.length - 1]?.state !== r.state) stretches.push(r);
    const current = stretches[stretches.length - 1]!;
    let secondsByState: Record<AgentState, number> | null = null;
    if (o.from !== undefined) {
      secondsByState = emptyStateCounts();
      stretches.forEach((s, i) => {
        const start = Math.max(s.since, o.from!);
        const end = Math.min(stretches[i + 1]?.since ?? o.now, o.now);
        if (end > start) secondsByState![s.state] += (end - start) / 1000;
      });
    }
    counts[current.state]++;
    const name = [...list].reverse().find((r) => r.name !== undefined)?.name ?? null;
    agents.push({
      agentId,
      name,
      state: current.state,
      since: current.since,
      timeInStateS: Math.max(0, Math.floor((o.now - current.since) / 1000)),
      secondsByState,
    });
  }
  agents.sort(
    (a, b) =>
      AGENT_STATES.indexOf(a.state) - AGENT_STATES.indexOf(b.state) || b.timeInStateS - a.timeInStateS || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0),
  );
  return { counts, agents };
}
