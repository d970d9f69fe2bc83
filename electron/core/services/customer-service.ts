import type { CustomerProfile } from '../../../shared/contract/customer-schemas';
import { formatPhone, maskPhone } from '../../../shared/domain/phone';
import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import { auditRead } from '../store/change-log';
import {
  createCustomer,
  getProfileRows,
  listEmails,
  listPhones,
  requireCustomerExists,
  searchCustomers,
  updateCustomer,
} from '../store/customers-repo';

/** Agents see contact details masked; supervisors and admins see them, and that read is audited. */
const seesContacts = (role: string) => role !== 'agent';

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function customerHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'customers.search' | 'customers.get' | 'customers.create' | 'customers.update' | 'customers.revealContacts'> {
  const profile = (id: string): CustomerProfile => {
    const rows = getProfileRows(ctx.db, id, ctx.clock.now());
    const full = seesContacts(ctx.seat.role);
    if (full && (rows.phones.length > 0 || rows.emails.length > 0)) auditRead(ctx.writes, 'customers', id, 'profile contacts');
    return {
      ...rows,
      phones: rows.phones.map((p) => ({
        id: p.id,
        display: full ? formatPhone(p.e164) : maskPhone(p.e164),
        masked: !full,
        kind: p.kind,
        isPrimary: p.is_primary === 1,
      })),
      emails: rows.emails.map((e) => ({
        id: e.id,
        display: full ? e.email : maskEmail(e.email),
        masked: !full,
        isPrimary: e.is_primary === 1,
      })),
    };
  };

  return {
    'customers.search': ({ query, limit }) => {
      const started = performance.now();
      const { items, more } = searchCustomers(ctx.db, query, limit);
      return { query, items, more, tookMs: Math.round((performance.now() - started) * 100) / 100 };
    },
    'customers.get': ({ id }) => profile(id),
    'customers.create': ({ customer }) => {
      const id = createCustomer(ctx.writes, customer);
      ctx.emit('customer.changed', { id });
      return profile(id);
    },
    'customers.update': ({ id, patch, baseUpdatedAt }) => {
      updateCustomer(ctx.writes, id, patch, baseUpdatedAt);
      ctx.emit('customer.changed', { id });
      return profile(id);
    },
    'customers.revealContacts': ({ id }) => {
      requireCustomerExists(ctx.db, id);
      auditRead(ctx.writes, 'customers', id, 'reveal contacts');
      return {
        phones: listPhones(ctx.db, id).map((p) => formatPhone(p.e164)),
        emails: listEmails(ctx.db, id).map((e) => e.email),
      };
    },
  };
}
