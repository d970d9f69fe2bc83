import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../electron/core/store/migrate';
import { MIGRATIONS } from '../../../../electron/core/store/migrations';

describe('migration 0050 (sync state)', () => {
  it('adds sync_state (one row), outbox_rejected, sync_pending and the outbox (entity, entity_id) index on top of an older store', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version < 50));
    db.prepare("INSERT INTO outbox (entity, entity_id, op, fields, hlc, at) VALUES ('customers', 'c1', 'insert', '{}', 'h', 1)").run();
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 50))).toBe(50);
    expect(db.prepare('SELECT cursor, cursor_hub, last_ack_seq, last_sync_at FROM sync_state').all()).toEqual([
      { cursor: 0, cursor_hub: null, last_ack_seq: 0, last_sync_at: null },
    ]);
    expect(() => db.prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO outbox_rejected (seq, entity, entity_id, op, fields, hlc, at, code, reason, parked_at) SELECT seq, entity, entity_id, op, fields, hlc, at, 'invalid', 'why', 2 FROM outbox",
    ).run();
    expect(db.prepare('SELECT seq, code FROM outbox_rejected').all()).toEqual([{ seq: 1, code: 'invalid' }]);
    db.prepare("INSERT INTO sync_pending (entity, entity_id, fields, hlc, server_seq) VALUES ('customers', 'c2', '{}', 'h', 3)").run();
    expect(() => db.prepare("INSERT INTO sync_pending (entity, entity_id, fields, hlc, server_seq) VALUES ('customers', 'c2', '{}', 'h', 4)").run()).toThrow(
      /UNIQUE|PRIMARY/,
    );
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT fields FROM outbox WHERE entity = 'customers' AND entity_id = 'c1' AND hlc > 'a'").all() as {
      detail: string;
    }[])
      .map((p) => p.detail)
      .join();
    expect(plan).toMatch(/outbox_entity/);
  });
});
