import { describe, expect, it } from 'vitest';
import { SYNCED_ENTITIES, validateChange } from '../../../../shared/sync/entity-schemas';

const T = 1_795_000_000_000;

describe('synced entity schemas', () => {
  it('covers every synced table of the seat', () => {
    expect([...SYNCED_ENTITIES].sort()).toEqual(
      ['agents', 'bookings', 'branches', 'callback_attempts', 'callbacks', 'complaint_steps', 'complaints', 'credit_standings',
        'customer_emails', 'customer_phones', 'customer_preferences', 'customers', 'interactions', 'org_contacts', 'phone_lines',
        'service_promises', 'surveys', 'teams'].sort(),
    );
  });

  it('accepts a full insert and a partial update', () => {
    expect(validateChange('customers', 'insert', { id: 'c1', kind: 'person', name: 'Wang', created_at: T, updated_at: T }, 'c1')).toBeNull();
    expect(validateChange('customers', 'update', { city: 'Hangzhou', updated_at: T })).toBeNull();
    expect(validateChange('callbacks', 'update', { first_due_at: T })).toBeNull(); // 0030
    expect(validateChange('phone_lines', 'insert', { id: 'l1', number: '4008001234', name: 'Hotline', updated_at: T })).toBeNull(); // 0020
  });

  it('refuses an insert missing a required column, a wrong type or a bad enum', () => {
    expect(validateChange('customers', 'insert', { id: 'c1', kind: 'person', created_at: T, updated_at: T })?.code).toBe('invalid');
    expect(validateChange('customers', 'update', { do_not_contact: 2 })?.code).toBe('invalid');
    expect(validateChange('callbacks', 'update', { status: 'maybe' })?.code).toBe('invalid');
    expect(validateChange('phone_lines', 'update', { number: '400-800' })?.code).toBe('invalid');
  });

  it('names unknown tables and columns', () => {
    expect(validateChange('audit_log', 'insert', {})?.code).toBe('unknown_entity');
    expect(validateChange('complaints', 'update', { source: 'profile', round: 2, reopens: '[]', awaiting_approval: 1 })).toBeNull(); // 0040
    expect(validateChange('complaint_steps', 'update', { outcome: 'satisfied', contact_id: 'i1' })).toBeNull(); // 0040
    expect(validateChange('complaints', 'update', { escalation_level: 2 })).toEqual({
      code: 'unknown_field',
      reason: 'complaints has no column escalation_level',
    });
  });

  it('a delete must set deleted_at; the key must match the change id', () => {
    expect(validateChange('customers', 'delete', { updated_at: T })?.code).toBe('invalid');
    expect(validateChange('customers', 'delete', { deleted_at: T, updated_at: T })).toBeNull();
    expect(validateChange('credit_standings', 'insert', { customer_id: 'x', updated_at: T }, 'y')?.code).toBe('invalid');
  });
});
