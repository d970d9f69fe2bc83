import type { Migration } from './migration';

// The group's inbound lines (hotlines, each hotel's reservation line…), so the screen-pop card
// can say which hotel or line the caller dialled (the DNIS). `number` holds the dialled digits
// exactly as the PBX presents the DNIS ('4008001234', '057187654321'); a line may belong to a
// branch. Synced like the other reference tables, maintained at headquarters.
export const phoneLines: Migration = {
  version: 20,
  name: 'phone lines',
  up: (db) => {
    db.exec(`
      CREATE TABLE phone_lines (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL CHECK (number <> '' AND number NOT GLOB '*[^0-9]*'),
        name TEXT NOT NULL,
        branch_id TEXT REFERENCES branches(id),
        updated_at INTEGER NOT NULL, deleted_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX phone_lines_number ON phone_lines(number) WHERE deleted_at IS NULL;
    `);
  },
};
