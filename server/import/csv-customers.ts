import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type pg from 'pg';
import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import { CustomerPatch } from '../../shared/contract/customer-schemas';
import { normalizePhone } from '../../shared/domain/phone';
import { validateChange } from '../../shared/sync/entity-schemas';
import type { ChangeFields } from '../../shared/sync/protocol';
import { bulkWrite, type BulkRow, type BulkWriteOptions, type BulkWriteResult } from './bulk-write';

// `npm run hub -- import customers --file PATH.csv [--dry-run] [--branch B]`
//
// Headquarters' customer list (UTF-8 CSV, BOM or not, header row, names case-insensitive) into
// the hub's synced tables customers, customer_phones and customer_emails:
//
//   name       customers.name (required)
//   phone      customer_phones: one or several separated by ';', normalised as the seat does
//              (shared/domain/phone.ts, default region CN); the first is primary
//   email      customer_emails: ';'-separated, checked and lower-cased as the seat does
//   member_no  customers.member_no (unique among customers)
//   gender     customers.gender: female / male / unknown (also f, m, 女, 男)
//   birthday   customers.birth_date, YYYY-MM-DD
//   city       customers.city
//   notes      customers.notes
//
// --branch B sets customers.home_branch_id (B must be a branch the hub has).
//
// A line is checked with the seat's own contract (CustomerPatch: the same lengths, phone and
// e-mail rules as a profile edit) and each row it makes with the entity schemas a push is
// checked with (validateChange). An empty cell leaves the field as it is (on a new customer:
// the seat's default). Ids are derived (UUID v5) from the member number, else the primary
// phone's E.164, else the primary e-mail, so importing the file again updates the same
// customers: only the changed fields are written, as newer hub writes. Phones and e-mails are
// added and updated (primary flag), never removed by an import.

/** UUID v5 namespace of the hub's imported rows. */
const IMPORT_NAMESPACE = '6f1d3a52-8c4e-5b7a-9e21-4b6c0d7f8a13';

export const CSV_COLUMNS = ['name', 'phone', 'email', 'member_no', 'gender', 'birthday', 'city', 'notes'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface RefusedLine {
  line: number;
  reason: string;
}

export interface ParsedCustomers {
  /** CSV records read after the header (a quoted cell may span lines). */
  lines: number;
  /** Customers, phones and e-mails of the accepted lines, parents first. */
  rows: BulkRow[];
  /** Accepted lines. */
  accepted: number;
  /** Customer id → the line it came from. */
  lineOf: Map<string, number>;
  refused: RefusedLine[];
}

export class CsvFileError extends Error {}

const GENDERS: Record<string, 'female' | 'male' | 'unknown'> = {
  female: 'female',
  f: 'female',
  女: 'female',
  male: 'male',
  m: 'male',
  男: 'male',
  unknown: 'unknown',
  未知: 'unknown',
};

const normalHeader = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

const splitList = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** A contract issue (its message is an i18n key) in plain words. */
function plainIssue(issue: z.core.$ZodIssue, row: Record<string, unknown>): string {
  const [field, index] = issue.path as (string | number)[];
  const column: Record<string, string> = { birthDate: 'birthday', phones: 'phone', emails: 'email' };
  const name = column[String(field)] ?? String(field);
  const value = typeof index === 'number' ? (row[String(field)] as unknown[])[index] : row[String(field)];
  const shown = typeof value === 'string' ? ` "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : '';
  const max = 'maximum' in issue ? Number(issue.maximum) : undefined;
  switch (issue.message) {
    case 'validation.required':
      return `${name} is empty`;
    case 'validation.tooLong':
      return `${name} is too long (at most ${max ?? '?'} characters)`;
    case 'validation.tooMany':
      return `too many ${name} values (at most ${max ?? '?'})`;
    case 'validation.phone':
      return `phone${shown} is not a valid phone number`;
    case 'validation.email':
      return `email${shown} is not a valid e-mail address`;
    case 'validation.date':
      return `birthday${shown} is not a date written YYYY-MM-DD`;
    case 'validation.birthDate':
      return `birthday${shown} is not a real date between 1900-01-01 and today`;
    default:
      return `${name}${shown}: ${issue.message}`;
  }
}

interface LineInput {
  name: string;
  member_no: string | null;
  gender: 'female' | 'male' | 'unknown' | null;
  birthday: string | null;
  city: string | null;
  notes: string | null;
  phones: string[];
  emails: string[];
}

/**
 * Reads the CSV text into rows (pure: no database). Throws CsvFileError when the file as a
 * whole cannot be read (not UTF-8, no header, unknown or missing columns, broken quoting).
 */
export function parseCustomersCsv(data: Buffer | string, opts: { now: number; branch?: string | null }): ParsedCustomers {
  let text: string;
  if (typeof data === 'string') text = data;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      throw new CsvFileError('the file is not UTF-8 text (in Excel: Save As → "CSV UTF-8"; or convert it, e.g. iconv -f GBK -t UTF-8)');
    }
  }
  // Line ends as \n: csv-parse counts a CRLF inside a quoted cell as two lines, which would put
  // every later line number off by one (a multi-line cell keeps \n line breaks).
  text = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parseCsv(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new CsvFileError(`the file is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message}`);
  }
  const head = records[0];
  if (!head) throw new CsvFileError('the file is empty: it needs a header row (name, phone, email, …) and one line per customer');
  const index = new Map<CsvColumn, number>();
  const unknown: string[] = [];
  head.record.forEach((raw, i) => {
    const h = normalHeader(raw);
    if (h === '') return;
    if (!(CSV_COLUMNS as readonly string[]).includes(h)) unknown.push(raw);
    else if (index.has(h as CsvColumn)) throw new CsvFileError(`the header names column "${h}" twice`);
    else index.set(h as CsvColumn, i);
  });
  if (unknown.length > 0)
    throw new CsvFileError(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in the header (known: ${CSV_COLUMNS.join(', ')})`);
  if (!index.has('name')) throw new CsvFileError(`the header has no "name" column (known: ${CSV_COLUMNS.join(', ')})`);

  const out: ParsedCustomers = { lines: records.length - 1, rows: [], accepted: 0, lineOf: new Map(), refused: [] };
  const byId = out.lineOf;
  let prevEnd = head.info.lines;
  let prevEmpty = head.info.empty_lines;
  const width = head.record.length;

  for (const { record, info } of records.slice(1)) {
    const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
    prevEnd = info.lines;
    prevEmpty = info.empty_lines;
    const refuse = (reason: string) => out.refused.push({ line, reason });
    if (record.length !== width) {
      refuse(`has ${record.length} fields, the header has ${width}`);
      continue;
    }
    const cell = (c: CsvColumn): string | null => {
      const i = index.get(c);
      const v = i === undefined ? '' : (record[i] ?? '');
      return v === '' ? null : v;
    };
    const rawGender = cell('gender');
    const gender = rawGender === null ? null : (GENDERS[rawGender.toLowerCase()] ?? undefined);
    if (gender === undefined) {
      refuse(`gender "${rawGender}" is not one of female, male, unknown (or f, m, 女, 男)`);
      continue;
    }
    const input: LineInput = {
      name: cell('name') ?? '',
      member_no: cell('member_no'),
      gender,
      birthday: cell('birthday'),
      city: cell('city'),
      notes: cell('notes'),
      phones: splitList(cell('phone') ?? ''),
      emails: splitList(cell('email') ?? ''),
    };
    if (input.name === '') {
      refuse('name is empty');
      continue;
    }
    // The seat's own rules for a profile edit (lengths, phones, e-mails, birthday).
    const contract = { name: input.name, birthDate: input.birthday, city: input.city, notes: input.notes, phones: input.phones, emails: input.emails };
    const checked = CustomerPatch.safeParse(contract);
    if (!checked.success) {
      refuse(checked.error.issues.slice(0, 3).map((i) => plainIssue(i, contract)).join('; '));
      continue;
    }
    if (input.member_no !== null && input.member_no.length > 100) {
      refuse('member_no is too long (at most 100 characters)');
      continue;
    }
    const phones = [...new Map(input.phones.map((p) => normalizePhone(p)!).map((n) => [n.e164, n])).values()];
    const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()))];
    const identity =
      input.member_no !== null ? `member:${input.member_no}` : phones[0] ? `phone:${phones[0].e164}` : emails[0] ? `email:${emails[0]}` : null;
    if (identity === null) {
      refuse('needs a member_no, a phone or an email, so that importing the file again finds the same customer');
      continue;
    }
    const id = uuidv5(identity, IMPORT_NAMESPACE);
    const firstLine = byId.get(id);
    if (firstLine !== undefined) {
      refuse(`is the same customer as line ${firstLine} (same ${identity.slice(0, identity.indexOf(':')).replace('member', 'member_no')})`);
      continue;
    }
    const customer: ChangeFields = { id, kind: 'person', name: input.name, created_at: opts.now, updated_at: opts.now };
    if (input.member_no !== null) customer.member_no = input.member_no;
    if (input.gender !== null) customer.gender = input.gender;
    if (input.birthday !== null) customer.birth_date = input.birthday;
    if (input.city !== null) customer.city = input.city;
    if (input.notes !== null) customer.notes = input.notes;
    if (opts.branch) customer.home_branch_id = opts.branch;
    const rows: BulkRow[] = [{ entity: 'customers', id, fields: customer }];
    phones.forEach((n, i) => {
      const pid = uuidv5(`${id}:phone:${n.e164}`, IMPORT_NAMESPACE);
      rows.push({
        entity: 'customer_phones',
        id: pid,
        fields: { id: pid, customer_id: id, e164: n.e164, national: n.national, kind: n.kind, is_primary: i === 0 ? 1 : 0, updated_at: opts.now },
      });
    });
    emails.forEach((email, i) => {
      const eid = uuidv5(`${id}:email:${email}`, IMPORT_NAMESPACE);
      rows.push({ entity: 'customer_emails', id: eid, fields: { id: eid, customer_id: id, email, is_primary: i === 0 ? 1 : 0, updated_at: opts.now } });
    });
    // The same schemas a push is checked with.
    const invalid = rows.map((r) => validateChange(r.entity, 'insert', r.fields, r.id)).find((v) => v !== null);
    if (invalid) {
      refuse(`not a valid row for the hub: ${invalid.reason}`);
      continue;
    }
    byId.set(id, line);
    out.rows.push(...rows);
    out.accepted += 1;
  }
  return out;
}

export interface CsvImportReport {
  file: string;
  dryRun: boolean;
  lines: number;
  /** Lines imported (or, in a dry run, that would be). */
  imported: number;
  refused: RefusedLine[];
  /** null in a dry run. */
  write: BulkWriteResult | null;
}

export interface CsvImportOptions {
  dryRun?: boolean;
  branch?: string | null;
  now?: number;
  bulk?: BulkWriteOptions;
}

/**
 * Imports the CSV file at `file` into the hub (or only checks it with dryRun). Lines whose
 * member_no already belongs to another customer on the hub are refused too.
 */
export async function importCustomersCsv(pool: pg.Pool, file: string, opts: CsvImportOptions = {}): Promise<CsvImportReport> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (err) {
    throw new CsvFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const branch = opts.branch ?? null;
  if (branch !== null) {
    const { rows } = await pool.query(`SELECT 1 FROM rows WHERE entity = 'branches' AND id = $1 AND deleted_at IS NULL`, [branch]);
    if (rows.length === 0)
      throw new CsvFileError(`--branch ${branch}: the hub has no such branch (seats could not link the customers to it); load the branches first, or import without --branch`);
  }
  const parsed = parseCustomersCsv(data, { now: opts.now ?? Date.now(), branch });

  // member_no is unique among customers (the seats' stores enforce it): one held by a customer of
  // another id on the hub would never apply on a seat.
  const members = parsed.rows.filter((r) => r.entity === 'customers' && typeof r.fields.member_no === 'string');
  if (members.length > 0) {
    const { rows: taken } = await pool.query<{ id: string; member_no: string }>(
      `SELECT id, fields->>'member_no' AS member_no FROM rows
        WHERE entity = 'customers' AND deleted_at IS NULL AND fields->>'member_no' = ANY($1::text[])`,
      [members.map((r) => r.fields.member_no as string)],
    );
    const holder = new Map(taken.map((t) => [t.member_no, t.id]));
    const clash = new Set(members.filter((r) => holder.has(r.fields.member_no as string) && holder.get(r.fields.member_no as string) !== r.id).map((r) => r.id));
    if (clash.size > 0) {
      for (const id of clash) parsed.refused.push({ line: parsed.lineOf.get(id) ?? 0, reason: 'member_no already belongs to another customer on the hub' });
      parsed.refused.sort((a, b) => a.line - b.line);
      parsed.rows = parsed.rows.filter((r) => !clash.has(r.entity === 'customers' ? r.id : String(r.fields.customer_id)));
      parsed.accepted -= clash.size;
    }
  }

  const report: CsvImportReport = { file, dryRun: opts.dryRun === true, lines: parsed.lines, imported: parsed.accepted, refused: parsed.refused, write: null };
  if (!opts.dryRun && parsed.rows.length > 0) report.write = await bulkWrite(pool, parsed.rows, parsed.rows.length, opts.bulk);
  return report;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The command's report, in plain words. */
export function formatCsvReport(r: CsvImportReport): string {
  const out: string[] = [];
  const refused = r.refused.length;
  if (r.dryRun) out.push(`dry run of ${r.file}: nothing written`, `${fmt(r.imported)} would be imported, ${fmt(refused)} refused (of ${fmt(r.lines)} rows)`);
  else {
    out.push(`${fmt(r.imported)} imported, ${fmt(refused)} refused (of ${fmt(r.lines)} rows in ${r.file})`);
    const w = r.write;
    if (w) {
      for (const [entity, c] of Object.entries(w.byEntity))
        out.push(`  ${entity}: ${fmt(c.inserted)} new, ${fmt(c.updated)} updated, ${fmt(c.unchanged)} unchanged`);
      if (w.conflicts > 0) out.push(`  ${fmt(w.conflicts)} values edited on seats were overwritten; they are kept as conflicts (Sync panel)`);
      out.push(`  server sequence now ${w.serverSeq}`);
    }
  }
  if (refused > 0) {
    out.push('refused lines:');
    for (const x of r.refused) out.push(`  line ${x.line}: ${x.reason}`);
  }
  return out.join('\n');
}
