import { v7 as uuidv7 } from 'uuid';
import type { PromiseView } from '../../../shared/contract/callback-schemas';
import { CoreError } from '../../../shared/contract/result';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import { insertRow, updateRow } from '../store/change-log';
import { getPromiseRow, listPromiseRows, type PromiseRow } from '../store/promises-repo';
import { stmt } from '../store/statements';

const LIST_LIMIT = 500;

/** Service promises (服务承诺): owned by the agent who made them, tracked until kept. */
export function promiseHandlers(ctx: ServiceContext): Pick<Handlers, 'promises.create' | 'promises.list' | 'promises.setStatus'> {
  const toView = (r: PromiseRow): PromiseView => ({
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    description: r.description,
    dueAt: r.due_at,
    ownerAgentId: r.owner_agent_id,
    ownerAgentName: r.owner_name,
    status: r.status,
    overdue: r.status === 'open' && r.due_at < ctx.clock.now(),
    complaintId: r.complaint_id,
    keptAt: r.kept_at,
    createdAt: r.created_at,
  });
  const load = (id: string): PromiseRow => {
    const row = getPromiseRow(ctx.db, id);
    if (!row) throw new CoreError('not_found', 'errors.promiseNotFound');
    return row;
  };

  return {
    'promises.create': ({ customerId, description, dueAt, complaintId }) => {
      if (!stmt(ctx.db, 'SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NULL').get(customerId)) throw new CoreError('not_found', 'errors.customerNotFound');
      if (complaintId !== null && !stmt(ctx.db, 'SELECT 1 FROM complaints WHERE id = ? AND customer_id = ?').get(complaintId, customerId))
        throw new CoreError('not_found', 'errors.complaintNotFound');
      const id = uuidv7();
      const now = ctx.clock.now();
      insertRow(
        ctx.writes,
        'service_promises',
        { id, customer_id: customerId, complaint_id: complaintId, description, due_at: dueAt, owner_agent_id: ctx.seat.agentId, status: 'open', created_at: now, updated_at: now },
        'promise.create',
      );
      return toView(load(id));
    },
    // 'all' is the supervisors' list; an agent may ask for 'all' of one customer (the card shows
    // every open promise made to the caller, whoever made it).
    'promises.list': ({ scope, status, customerId }) => {
      if (scope === 'all' && !customerId && ctx.seat.role === 'agent') throw new CoreError('forbidden', 'errors.forbidden');
      const rows = listPromiseRows(ctx.db, { ownerAgentId: scope === 'mine' ? ctx.seat.agentId : undefined, status, customerId, limit: LIST_LIMIT });
      return { items: rows.map(toView) };
    },
    'promises.setStatus': ({ id, status }) => {
      const row = load(id);
      if (row.status !== 'open') throw new CoreError('invalid_input', 'errors.promiseClosed');
      if (ctx.seat.role === 'agent' && row.owner_agent_id !== ctx.seat.agentId) throw new CoreError('forbidden', 'errors.forbidden');
      const now = ctx.clock.now();
      updateRow(ctx.writes, 'service_promises', id, status === 'kept' ? { status, kept_at: now } : { status }, `promise.${status}`);
      return toView(load(id));
    },
  };
}
