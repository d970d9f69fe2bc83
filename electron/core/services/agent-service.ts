import type { Role } from '../../../shared/contract/customer-schemas';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import { stmt } from '../store/statements';

/** The agents and teams (synced reference rows): assignee pickers, per-agent calendars. */
export function agentHandlers(ctx: ServiceContext): Pick<Handlers, 'agents.list'> {
  return {
    'agents.list': () => ({
      agents: stmt<[], { id: string; name: string; role: Role; teamId: string | null }>(
        ctx.db,
        'SELECT id, name, role, team_id AS teamId FROM agents WHERE deleted_at IS NULL ORDER BY name, id',
      ).all(),
      teams: stmt<[], { id: string; name: string }>(ctx.db, 'SELECT id, name FROM teams WHERE deleted_at IS NULL ORDER BY name, id').all(),
    }),
  };
}
