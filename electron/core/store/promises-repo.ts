import type { Database } from 'better-sqlite3';
import { stmt } from './statements';

export interface PromiseRow {
  id: string;
  customer_id: string;
  customer_name: string;
  complaint_id: string | null;
  description: string;
  due_at: number;
  owner_agent_id: string | null;
  owner_name: string | null;
  status: 'open' | 'kept' | 'broken' | 'cancelled';
  kept_at: number | null;
  created_at: number;
}

const SELECT_VIEW = `
  SELECT p.id, p.customer_id, cu.name AS customer_name, p.complaint_id, p.description, p.due_at, p.owner_agent_id,
         a.name AS owner_name, p.status, p.kept_at, p.created_at
  FROM service_promises p
  JOIN customers cu ON cu.id = p.customer_id
  LEFT JOIN agents a ON a.id = p.owner_agent_id`;

export function getPromiseRow(db: Database, id: string): PromiseRow | undefined {
  return stmt<[string], PromiseRow>(db, `${SELECT_VIEW} WHERE p.id = ? AND p.deleted_at IS NULL`).get(id);
}

/** Open: soonest due first (service_promises_due); closed: latest due first. */
export function listPromiseRows(
  db: Database,
  filter: { ownerAgentId?: string; status: 'open' | 'closed'; customerId?: string; limit: number },
): PromiseRow[] {
  const parts = [filter.status === 'open' ? "p.status = 'open'" : "p.status IN ('kept', 'broken', 'cancelled')", 'p.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (filter.ownerAgentId) {
    parts.push('p.owner_agent_id = ?');
    params.push(filter.ownerAgentId);
  }
  if (filter.customerId) {
    parts.push('p.customer_id = ?');
    params.push(filter.customerId);
  }
  params.push(filter.limit);
  const order = filter.status === 'open' ? 'p.due_at, p.id' : 'p.due_at DESC, p.id DESC';
  return stmt<unknown[], PromiseRow>(db, `${SELECT_VIEW} WHERE ${parts.join(' AND ')} ORDER BY ${order} LIMIT ?`).all(...params);
}
