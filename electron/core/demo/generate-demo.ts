/**
 * Deterministic demo data for a Chinese travel and hotel group: branches, teams, agents and N
 * customers with phones, emails, preferences, bookings over three years, interactions on every
 * channel, six-step complaints, callbacks, service promises and surveys.
 *
 * This is a bulk import of headquarters' existing data, not seat edits: it writes the tables
 * directly and deliberately does NOT append to the outbox or the audit log (nothing here was
 * changed on this seat, so there is nothing to sync or audit). Search terms are made with the
 * app's own termRows, so search finds demo customers exactly as it finds edited ones.
 *
 * Determinism: one seeded PRNG stream (random.ts) drives every choice in a fixed order and all
 * times are offsets from `opts.now`, so the same (seed, now, customers) gives byte-identical
 * tables, ids included (UUIDv7 from the generated timestamp plus seeded random bits).
 */
import type { Database, Statement } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerMetrics, type BookingFact } from '../../../shared/domain/customer-metrics';
import { searchTermsFor } from '../../../shared/domain/search-terms';
import { DAY_MS } from '../../../shared/domain/time';
import { valueTier, type ValueTier } from '../../../shared/domain/value-tier';
import {
  approvalNeeded,
  type ComplaintEvent,
  type ComplaintFlowState,
  complaintFlow,
  currentRecord,
  DEFAULT_COMPLAINT_FLOW_CONFIG,
  type Remedy,
  type RootCause,
  type Severity,
  stepAllowanceHours,
  type StepNumber,
} from '../../../shared/domain/complaint-flow';
import { isAwaitingApproval, stepRow } from '../complaints/apply-event';
import { MANUAL_FOLLOW_UP } from '../complaints/follow-up-callback';
import { openDatabase } from '../store/open-database';
import { termRows } from '../store/search-repo';
import { dropSecondaryIndexes, pendingIndexes, recreateIndexes } from './bulk-load';
import { StagingWorker, type StagedTable } from './staging-worker';
import {
  CLASSIC_NAMES,
  CONTACT_TITLES,
  EN_FIRST_FEMALE,
  EN_FIRST_MALE,
  EN_LAST,
  EN_OCCUPATIONS,
  FEMALE_FIRST,
  FEMALE_SECOND,
  FEMALE_SINGLE,
  MALE_FIRST,
  MALE_SECOND,
  MALE_SINGLE,
  NOTES,
  OCCUPATIONS,
  ORG_BUSINESSES,
  ORG_FORMS,
  ORG_TRADE_NAMES,
  SURNAMES,
  TRAD_GIVEN_FEMALE,
  TRAD_GIVEN_MALE,
  TRAD_SURNAMES,
} from './names';
import { cnLandline, cnMobile, foreignPhone, hkPhone, twPhone, type DemoPhone } from './phones';
import {
  CN_CITIES,
  CN_EMAIL_DOMAINS,
  COMPOUNDS,
  EN_EMAIL_DOMAINS,
  FOREIGN_PLACES,
  HK_TW_EMAIL_DOMAINS,
  HONG_KONG,
  ROADS,
  TAIWAN,
  type BranchKey,
  type CnCity,
  type ForeignPlace,
  type GreaterChinaPlace,
} from './places';
import {
  BRANCHES,
  CABINS,
  FLIGHTS,
  HOTELS,
  INTERESTS,
  PACKAGES,
  PREFERENCES,
  ROOM_TYPES,
  TEAMS,
  TOURS,
  VIP_LINE,
  type Branch,
} from './products';
import { Rng, Weighted } from './random';
import {
  APOLOGIES,
  ATTEMPT_NOTES,
  CALLBACK_NOTES,
  COMPLAINT_KINDS,
  EVIDENCE_EXTRA,
  PROMISES,
  REFLECT_OWNERS,
  REFLECTIONS,
  REMEDIES,
  REOPEN_REASONS,
  SEVERITIES,
  SUMMARIES,
  SURVEY_COMMENTS,
  type ComplaintKind,
  type SubjectKind,
} from './texts';

/**
 * In order: drop indexes; branches, teams, agents; the customers and all their rows; rebuild the
 * dropped indexes; copy in the tables the workers built (bookings + interactions, search_terms);
 * statistics and checkpoint.
 */
export type DemoPhase = 'prepare' | 'reference' | 'customers' | 'indexes' | 'copy' | 'finish';

export interface DemoProgress {
  phase: DemoPhase;
  done: number;
  total: number;
}

export interface DemoOptions {
  customers: number;
  seed: number;
  /** Epoch ms every generated time is relative to (bookings up to 3 years back, callbacks due today…). */
  now: number;
  onProgress?: (p: DemoProgress) => void;
}

export interface DemoSummary {
  customers: number;
  organisations: number;
  phones: number;
  bookings: number;
  interactions: number;
  complaints: number;
  callbacks: number;
  promises: number;
  surveys: number;
  searchTerms: number;
  /** Every row written, all tables. */
  rows: number;
  ms: number;
}

/** Upper bound for one run; 10M customers would be ~50 GB of store. */
export const MAX_DEMO_CUSTOMERS = 5_000_000;
/** Customers per write transaction; big enough to amortise commits, small enough to report progress. */
const BATCH = 10_000;
/**
 * Customers whose staged rows go to the workers in one message: small enough that the arrays
 * die young (a big batch survives scavenges and costs the main thread seconds of GC).
 */
const FLUSH = 1_000;
/**
 * Page caches while loading (KiB). The store's own tables are written as appends and only need
 * room for the index rebuilds' sorts; each worker keeps the B-tree it inserts into at random in
 * memory: the interactions/bookings id indexes (~400 MB at a million customers), search_terms
 * (~1.1 GB).
 */
const LOAD_CACHE_KIB = 262_144;
const ROWS_WORKER_CACHE_KIB = 786_432;
const TERMS_WORKER_CACHE_KIB = 1_572_864;

const MIN = 60_000;
const HOUR = 3_600_000;
const YEAR = 365 * DAY_MS;
/** The centre works on Beijing time; "today" and business hours are in UTC+8 (no DST). */
const CENTRE_OFFSET = 8 * HOUR;

const LOADED_TABLES = [
  'branches',
  'teams',
  'agents',
  'customers',
  'customer_phones',
  'customer_emails',
  'customer_preferences',
  'credit_standings',
  'org_contacts',
  'complaints',
  'complaint_steps',
  'service_promises',
  'callbacks',
  'callback_attempts',
  'surveys',
] as const;

type Origin = 'cn' | 'hk' | 'tw' | 'en';
type Status = 'prospect' | 'active' | 'churned';
type Channel = 'phone' | 'email' | 'sms' | 'wechat' | 'web' | 'walk_in' | 'fax';

interface Agent {
  id: string;
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
  teamIndex: number;
}
interface TeamRef {
  id: string;
  kind: (typeof TEAMS)[number]['kind'];
  branch: BranchKey;
  agents: Agent[];
}
interface BranchRef extends Branch {
  id: string;
}

interface Cust {
  id: string;
  kind: 'person' | 'organisation';
  status: Status;
  origin: Origin;
  name: string;
  namePinyin: string | null;
  memberNo: string | null;
  gender: 'female' | 'male' | 'unknown';
  birthYear: number;
  birthDate: string | null;
  occupation: string | null;
  company: string | null;
  province: string | null;
  city: string | null;
  cnCity: CnCity | null;
  address: string | null;
  language: string;
  preferredChannel: Channel;
  doNotContact: number;
  consent: number;
  churnReason: string | null;
  notes: string | null;
  branch: BranchRef;
  createdAt: number;
  /** Activity stops here for churned customers. */
  activeUntil: number;
  timeZone: string;
  phones: DemoPhone[];
  emails: string[];
  kam: Agent | null;
  tier: ValueTier;
  lastContactAt: number | null;
  lastContactId: string | null;
  /** Trips a year while active, and how much above the catalogue price they spend. */
  rate: number;
  spend: number;
  businessTraveller: boolean;
}

interface Booking extends BookingFact {
  id: string;
  kind: SubjectKind;
  /** The product name (summaries read it through the Subject shape). */
  name: string;
  group: boolean;
  startsAt: number;
  endsAt: number;
  branch: BranchRef;
}

/** What a contact was about, for its summary. */
interface Subject {
  name: string;
  kind: SubjectKind;
  /** A company group booking (six guests or more). */
  group?: boolean;
}

interface NameInfo {
  pinyin: string;
  initials: string;
  givenPinyin: string;
}

const ORIGINS = new Weighted<Origin>([['cn', 90], ['en', 6.5], ['hk', 2], ['tw', 1.5]]);
/** Sign-up ages: exponential, mean 2.6 years, cut at 12 (the group's CRM started then). */
const SIGNUP_MEAN_AGE = 2.6 * YEAR;
const SIGNUP_MAX_AGE = 12 * YEAR;
/** [trips a year, spend factor]: the pyramid comes from here — most customers travel rarely. */
const SEGMENTS = new Weighted<readonly [number, number]>([
  [[0.35, 0.9], 50],
  [[1.0, 1.0], 30],
  [[2.6, 1.15], 14],
  [[6, 1.5], 5],
  [[14, 2.0], 0.6],
]);
const CHURN_REASONS = new Weighted<string>([['moved', 18], ['competitor', 26], ['price', 25], ['quality', 10], ['service', 13], ['other', 8]]);
const RATINGS = new Weighted<readonly [string, number]>([
  // [rating, probability of an overdue balance]
  [['AAA', 0.02], 5], [['AA', 0.04], 14], [['A', 0.08], 28], [['BBB', 0.15], 24], [['BB', 0.25], 13],
  [['B', 0.35], 9], [['CCC', 0.55], 4], [['CC', 0.7], 2], [['C', 0.85], 1],
]);
const PERSON_BOOKING_KINDS = new Weighted<Booking['kind']>([['hotel', 42], ['tour', 24], ['flight', 22], ['package', 12]]);
const BUSINESS_BOOKING_KINDS = new Weighted<Booking['kind']>([['hotel', 55], ['flight', 36], ['tour', 3], ['package', 6]]);
const ORG_BOOKING_KINDS = new Weighted<Booking['kind']>([['hotel', 46], ['flight', 38], ['tour', 11], ['package', 5]]);
const NIGHTS = new Weighted<number>([[1, 30], [2, 30], [3, 18], [4, 9], [5, 6], [7, 4], [10, 1.5]]);
const PARTY = new Weighted<number>([[1, 22], [2, 45], [3, 18], [4, 12], [5, 2], [6, 1]]);
/** Hour of day (Beijing time) contacts happen, weighted like a service centre's call curve. */
const HOURS = new Weighted<number>([
  [8, 2], [9, 6], [10, 10], [11, 9], [12, 5], [13, 6], [14, 9], [15, 9], [16, 8], [17, 6], [18, 4], [19, 4], [20, 5], [21, 3], [22, 1],
]);
const INBOUND_CHANNELS = new Weighted<Channel>([['phone', 58], ['wechat', 20], ['web', 8], ['email', 7], ['walk_in', 6], ['fax', 0.3]]);
/** Outbound call results; inbound ones are 'completed' or 'missed', as the live call path logs them. */
const OUT_OUTCOMES = new Weighted<string>([['completed', 76], ['no_answer', 14], ['busy', 5], ['voicemail', 5]]);
const EXTRA_DISPOSITIONS = new Weighted<string>([['inquiry', 55], ['payment', 12], ['change', 10], ['feedback', 8], ['callback', 7]]);
/** Summary template keys whose stored disposition differs (null = no wrap-up). */
const STORED_DISPOSITION: Record<string, string | null> = { payment: 'billing', feedback: 'other', no_answer: 'callback', notification: null, marketing: null };
/** A complaint's follow-up callback while the generator runs the flow (written once its fate is known). */
interface FollowUpCall {
  id: string;
  createdAt: number;
  status: 'scheduled' | 'done';
  attempts: { at: number; outcome: string }[];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Start of the centre's calendar day containing `t`. */
const dayStart = (t: number) => Math.floor((t + CENTRE_OFFSET) / DAY_MS) * DAY_MS - CENTRE_OFFSET;

function yymmdd(t: number): string {
  const d = new Date(t + CENTRE_OFFSET);
  return `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}

/** Member cards are issued in sign-up order with gaps (unissued, voided): unique and ascending by construction. */
function memberNumber(seq: number, jitter: number): string {
  return `K${100_000_000 + seq * 7 + jitter}`;
}

interface Statements {
  customer: Statement;
  phone: Statement;
  email: Statement;
  preference: Statement;
  credit: Statement;
  orgContact: Statement;
  complaint: Statement;
  step: Statement;
  promise: Statement;
  callback: Statement;
  attempt: Statement;
  survey: Statement;
}

/** Tables built by the staging workers (see staging-worker.ts), with the column order rows are pushed in. */
const STAGED_COLUMNS = {
  bookings: 'id,customer_id,kind,status,product,reference,branch_id,starts_at,ends_at,booked_at,amount_cents,margin_cents,currency,guests,updated_at'.split(','),
  interactions:
    'id,customer_id,channel,direction,agent_id,started_at,answered_at,ended_at,duration_s,call_id,linked_id,from_number,to_number,queue,wait_s,outcome,disposition,summary,updated_at'.split(','),
  search_terms: ['term', 'customer_id', 'field'],
} as const;
type StagedName = keyof typeof STAGED_COLUMNS;

function prepareStatements(db: Database): Statements {
  const insert = (table: string, cols: string) =>
    db.prepare(`INSERT INTO ${table} (${cols}) VALUES (${cols.split(',').map(() => '?').join(',')})`);
  return {
    customer: insert(
      'customers',
      'id,kind,status,member_no,name,name_pinyin,gender,birth_date,occupation,company,province,city,address_line,language,preferred_channel,do_not_contact,marketing_consent,churn_reason,notes,home_branch_id,kam_agent_id,tier,last_contact_at,created_at,updated_at',
    ),
    phone: insert('customer_phones', 'id,customer_id,e164,national,kind,is_primary,updated_at'),
    email: insert('customer_emails', 'id,customer_id,email,is_primary,updated_at'),
    preference: insert('customer_preferences', 'id,customer_id,category,value,updated_at'),
    credit: insert('credit_standings', 'customer_id,limit_cents,rating,overdue_cents,currency,updated_at'),
    orgContact: insert('org_contacts', 'id,organisation_id,person_id,title,updated_at'),
    complaint: insert(
      'complaints',
      'id,customer_id,interaction_id,booking_id,status,current_step,category,subcategory,severity,first_contact_resolution,reopen_count,owner_agent_id,team_id,opened_at,closed_at,sla_due_at,updated_at,source,first_contact,round,reopens,escalated,follow_up_callback_id,awaiting_approval',
    ),
    step: insert('complaint_steps', 'id,complaint_id,step,round,state,data,author_agent_id,started_at,completed_at,sla_due_at,updated_at,outcome,contact_id,root_cause,remedy,amount_cents,currency'),
    promise: insert('service_promises', 'id,customer_id,complaint_id,description,due_at,owner_agent_id,status,kept_at,created_at,updated_at'),
    callback: insert(
      'callbacks',
      'id,customer_id,phone,reason,window_start,window_end,time_zone,priority,assignee_agent_id,assignee_team_id,status,attempts,complaint_id,promise_id,interaction_id,note,reminded_at,snoozed_until,escalated_at,created_at,updated_at',
    ),
    attempt: insert('callback_attempts', 'id,callback_id,agent_id,at,outcome,note,updated_at'),
    survey: insert('surveys', 'id,customer_id,interaction_id,complaint_id,csat,nps,comment,answered_at,updated_at'),
  };
}

class Generator {
  readonly rng: Rng;
  readonly now: number;
  readonly today: number;
  readonly tomorrow: number;
  readonly s: Statements;
  readonly counts = {
    customers: 0,
    organisations: 0,
    phones: 0,
    emails: 0,
    preferences: 0,
    credit: 0,
    orgContacts: 0,
    searchTerms: 0,
    bookings: 0,
    interactions: 0,
    complaints: 0,
    steps: 0,
    promises: 0,
    callbacks: 0,
    attempts: 0,
    surveys: 0,
    reference: 0,
  };
  branches = new Map<BranchKey, BranchRef>();
  teams: TeamRef[] = [];
  agents: Agent[] = [];
  private memberSeq = 0;
  private callSeq = 0;
  private readonly nameInfo = new Map<string, NameInfo>();
  private readonly orgNames = new Set<string>();
  /** Guarantees for small data sets: one open complaint at each step 1–6, callbacks in every state. */
  private forcedComplaintSteps = [1, 2, 3, 4, 5, 6, 0];
  private forcedCallbacks = ['today', 'overdue', 'today', 'upcoming', 'done', 'overdue', 'today'];
  private forcedOverduePromise = true;
  /** …and one reopened complaint (second round). */
  private forcedReopen = true;
  /** Rows of the current batch for the staging workers, flat and row-major. */
  private staged: Record<StagedName, (string | number | null)[]> = { bookings: [], interactions: [], search_terms: [] };
  private readonly lastCustomerOf = { bookings: '', interactions: '' };

  constructor(db: Database, seed: number, now: number) {
    this.rng = new Rng(seed);
    this.now = now;
    this.today = dayStart(now);
    this.tomorrow = this.today + DAY_MS;
    this.s = prepareStatements(db);
  }

  // ---------------------------------------------------------------- reference data

  reference(db: Database): void {
    const rng = this.rng;
    const created = this.now - 9 * YEAR;
    const branchStmt = db.prepare('INSERT INTO branches (id, name, city, time_zone, updated_at) VALUES (?, ?, ?, ?, ?)');
    BRANCHES.forEach((b, i) => {
      const id = rng.uuid7(created + i * 30 * DAY_MS);
      branchStmt.run(id, b.name, b.city, b.timeZone, created + i * 30 * DAY_MS);
      this.branches.set(b.key, { ...b, id });
    });
    const teamStmt = db.prepare('INSERT INTO teams (id, name, branch_id, updated_at) VALUES (?, ?, ?, ?)');
    const agentStmt = db.prepare(
      'INSERT INTO agents (id, name, role, team_id, branch_id, extension, presence, presence_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let ext = 8001;
    TEAMS.forEach((t, ti) => {
      const at = created + 400 * DAY_MS + ti * DAY_MS;
      const team: TeamRef = { id: rng.uuid7(at), kind: t.kind, branch: t.branch, agents: [] };
      teamStmt.run(team.id, t.name, this.branch(t.branch).id, at);
      for (let a = 0; a < t.agents; a++) {
        const hired = this.now - rng.range(30, 2500) * DAY_MS;
        const gender = rng.chance(0.62) ? 'female' : 'male';
        const role: Agent['role'] = ti === 0 && a === 1 ? 'admin' : a === 0 && t.kind !== 'front_desk' ? 'supervisor' : 'agent';
        const agent: Agent = { id: rng.uuid7(hired), name: this.hanName(gender, rng.range(1975, 2001)), role, teamIndex: ti };
        // Presence as a supervisor would see it mid-shift.
        const presence = rng.pick(['available', 'available', 'on_call', 'on_call', 'wrap_up', 'break', 'offline']);
        agentStmt.run(agent.id, agent.name, role, team.id, this.branch(t.branch).id, String(ext++), presence, this.now - rng.int(2 * HOUR), hired);
        team.agents.push(agent);
        this.agents.push(agent);
      }
      this.teams.push(team);
    });
    // The lines customers dial, for the screen-pop card's "called: …" (phone_lines, schema 20+).
    let lines = 0;
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'phone_lines'").get()) {
      const lineStmt = db.prepare('INSERT INTO phone_lines (id, number, name, branch_id, updated_at) VALUES (?, ?, ?, ?, ?)');
      const add = (dnis: string, name: string, branchId: string, at: number) => {
        lineStmt.run(rng.uuid7(at), dnis, name, branchId, at);
        lines++;
      };
      BRANCHES.forEach((b, i) => add(b.dnis, b.lineName, this.branch(b.key).id, created + i * 30 * DAY_MS + HOUR));
      add(VIP_LINE.dnis, VIP_LINE.lineName, this.branch('hq').id, created + 2 * HOUR);
    }
    this.counts.reference = BRANCHES.length + TEAMS.length + this.agents.length + lines;
  }

  branch(key: BranchKey): BranchRef {
    return this.branches.get(key)!;
  }

  private team(kind: TeamRef['kind'], branch?: BranchKey): TeamRef {
    return this.teams.find((t) => t.kind === kind && (branch === undefined || t.branch === branch)) ?? this.teams[0]!;
  }

  /** A working agent (not the admin) of a team. */
  private agentOf(team: TeamRef): Agent {
    const rng = this.rng;
    for (;;) {
      const a = rng.pick(team.agents);
      if (a.role === 'agent' || rng.chance(0.15)) {
        if (a.role !== 'admin') return a;
      }
    }
  }

  /** Who takes an inbound contact from this customer. */
  private serviceAgent(c: Cust, channel: Channel): Agent {
    const rng = this.rng;
    if (c.kam && rng.chance(0.6)) return c.kam;
    if (channel === 'walk_in' && c.branch.isHotel) return this.agentOf(this.team('front_desk'));
    const key = c.branch.key;
    if ((key === 'beijing' || key === 'guangzhou' || key === 'shenzhen') && rng.chance(0.5))
      return this.agentOf(this.team('regional', key === 'beijing' ? 'beijing' : 'guangzhou'));
    const r = rng.next();
    return this.agentOf(r < 0.4 ? this.teams[0]! : r < 0.8 ? this.teams[1]! : this.team('members'));
  }

  // ---------------------------------------------------------------- names

  private hanName(gender: 'female' | 'male' | 'unknown', birthYear: number): string {
    const rng = this.rng;
    const surname = SURNAMES.pick(rng);
    const female = gender === 'female' || (gender === 'unknown' && rng.chance(0.5));
    if (rng.chance(0.16)) {
      const pool =
        birthYear < 1970
          ? female ? CLASSIC_NAMES.olderFemale : CLASSIC_NAMES.olderMale
          : birthYear < 1995
            ? female ? CLASSIC_NAMES.middleFemale : CLASSIC_NAMES.middleMale
            : female ? CLASSIC_NAMES.youngFemale : CLASSIC_NAMES.youngMale;
      return surname + rng.pick(pool);
    }
    // One-character given names were common before the 1980s and are rarer since.
    const single = rng.chance(birthYear < 1975 ? 0.32 : birthYear < 1990 ? 0.22 : 0.1);
    if (single) return surname + rng.pick(female ? FEMALE_SINGLE : MALE_SINGLE);
    const first = rng.pick(female ? FEMALE_FIRST : MALE_FIRST);
    let second = rng.pick(female ? FEMALE_SECOND : MALE_SECOND);
    if (second === first) second = female && rng.chance(0.5) ? first : rng.pick(female ? FEMALE_SECOND : MALE_SECOND);
    return surname + first + second;
  }

  /** Pinyin of a Han name as the search index spells it (memoised per distinct name). */
  private info(name: string): NameInfo {
    let info = this.nameInfo.get(name);
    if (!info) {
      let pinyin = '';
      let initials = '';
      let givenPinyin = '';
      for (const t of searchTermsFor({ name, memberNo: null, phonesNational: [], emails: [] })) {
        if (t.field === 'pinyin') {
          if (pinyin === '') pinyin = t.term;
          else if (givenPinyin === '') givenPinyin = t.term;
        } else if (t.field === 'initials' && initials === '') initials = t.term;
      }
      info = { pinyin, initials, givenPinyin: givenPinyin || pinyin };
      if (this.nameInfo.size >= 200_000) this.nameInfo.clear();
      this.nameInfo.set(name, info);
    }
    return info;
  }

  private orgName(city: CnCity): string {
    const rng = this.rng;
    for (let i = 0; ; i++) {
      const name = `${city.city}${rng.pick(ORG_TRADE_NAMES)}${ORG_BUSINESSES.pick(rng)}${ORG_FORMS.pick(rng)}`;
      if (!this.orgNames.has(name) || i > 20) {
        this.orgNames.add(name);
        return name;
      }
    }
  }

  // ---------------------------------------------------------------- customers

  /**
   * One unit: a person, or an organisation followed by its 1–4 contacts, as customers number
   * `index`… of `total`. Returns how many customers it made.
   */
  unit(index: number, total: number): number {
    const rng = this.rng;
    const remaining = total - index;
    if (remaining >= 2 && rng.chance(0.1)) {
      const org = this.organisation(this.createdAt(index, total));
      const contacts = Math.min(rng.range(1, 4), remaining - 1);
      for (let i = 0; i < contacts; i++) {
        const p = this.person(org, this.createdAt(index + 1 + i, total));
        this.s.orgContact.run(rng.uuid7(p.createdAt), org.id, p.id, CONTACT_TITLES.pick(rng), p.createdAt);
        this.counts.orgContacts++;
      }
      return 1 + contacts;
    }
    this.person(null, this.createdAt(index, total));
    return 1;
  }

  /**
   * Customers are made in the order HQ signed them up: customer `index` of `total` gets the
   * matching quantile (stratified, jittered) of the sign-up age distribution — 3 days to 12
   * years, exponential with a 2.6-year mean. So ids (UUIDv7 from created_at) ascend and the
   * customer tables are written as appends.
   */
  private createdAt(index: number, total: number): number {
    const u = (index + this.rng.next()) / total;
    const p = 1 - u; // index 0 is the oldest customer
    const age = 3 * DAY_MS - SIGNUP_MEAN_AGE * Math.log(1 - p * (1 - Math.exp(-SIGNUP_MAX_AGE / SIGNUP_MEAN_AGE)));
    return Math.floor(this.now - age);
  }

  /** Status follows from how long ago the customer signed up; churned ones stopped 1–3.5 years ago. */
  private statusFor(createdAt: number, org: boolean): { status: Status; activeUntil: number } {
    const rng = this.rng;
    const now = this.now;
    const age = now - createdAt;
    // [prospect, churned] shares by sign-up age: recent sign-ups are often still prospects,
    // only customers of more than 1.4 years can have churned. Organisations churn less.
    const [prospect, churned] =
      age < 0.5 * YEAR ? (org ? [0.25, 0] : [0.55, 0]) : age < 1.4 * YEAR ? (org ? [0.12, 0] : [0.3, 0]) : org ? [0.05, 0.12] : [0.14, 0.24];
    const r = rng.next();
    const status: Status = r < prospect ? 'prospect' : r < prospect + churned ? 'churned' : 'active';
    if (status !== 'churned') return { status, activeUntil: now };
    return { status, activeUntil: Math.floor(now - rng.real(1.05 * YEAR, Math.min(age - 0.3 * YEAR, 3.5 * YEAR))) };
  }

  private organisation(createdAt: number): Cust {
    const rng = this.rng;
    const city = CN_CITIES.pick(rng);
    const { status, activeUntil } = this.statusFor(createdAt, true);
    const name = this.orgName(city);
    const c = this.newCust('organisation', status, 'cn', name, createdAt, activeUntil);
    c.namePinyin = this.info(name).pinyin;
    c.gender = 'unknown';
    c.province = city.province;
    c.city = city.city;
    c.cnCity = city;
    c.branch = this.branch(city.branch);
    c.address = `${rng.pick(city.districts)}${rng.pick(ROADS)}${rng.range(1, 1999)}号${rng.pick(['国际', '世纪', '金融', '科技', '商务', '中心'])}大厦${rng.range(3, 42)}层`;
    c.preferredChannel = rng.chance(0.6) ? 'phone' : rng.chance(0.6) ? 'email' : 'wechat';
    c.consent = rng.chance(0.55) ? 1 : 0;
    c.phones.push(rng.chance(0.85) ? cnLandline(rng, city) : cnMobile(rng));
    if (rng.chance(0.5)) c.phones.push(rng.chance(0.6) ? cnLandline(rng, city) : cnMobile(rng));
    if (rng.chance(0.6)) {
      // 华信科技 → hxkj.com: Chinese companies register their initials.
      const initials = this.info(name).initials;
      const formLength = name.endsWith('股份有限公司') || name.endsWith('集团有限公司') ? 6 : 4;
      const core = initials.slice(city.city.length, initials.length - formLength);
      c.emails.push(`${rng.pick(['travel', 'admin', 'hr', 'office', 'xingzheng', 'caiwu'])}@${core}${rng.chance(0.3) ? rng.range(1, 99) : ''}.${rng.pick(['com', 'com.cn', 'cn'])}`);
    }
    c.rate = Math.min(rng.logNormal(Math.log(1.5), 0.8), 30);
    c.spend = rng.real(0.9, 1.3);
    c.kam = this.agentOf(this.team('kam'));
    this.counts.organisations++;
    this.finish(c, null);
    const [rating, overdueChance] = RATINGS.pick(rng);
    const limit = Math.round(Math.min(rng.logNormal(Math.log(200_000), 0.9), 5_000_000) / 1000) * 1000 * 100;
    const overdue = rng.chance(overdueChance) ? Math.round((limit * rng.real(0.03, 0.6)) / 100) * 100 : 0;
    this.s.credit.run(c.id, limit, rating, overdue, 'CNY', Math.min(this.now, c.createdAt + rng.int(2 * YEAR)));
    this.counts.credit++;
    return c;
  }

  private newCust(kind: Cust['kind'], status: Status, origin: Origin, name: string, createdAt: number, activeUntil: number): Cust {
    const rng = this.rng;
    return {
      id: rng.uuid7(Math.floor(createdAt)),
      kind,
      status,
      origin,
      name,
      namePinyin: null,
      memberNo: null,
      gender: 'unknown',
      birthYear: 1980,
      birthDate: null,
      occupation: null,
      company: null,
      province: null,
      city: null,
      cnCity: null,
      address: null,
      language: 'zh-CN',
      preferredChannel: 'phone',
      doNotContact: rng.chance(0.02) ? 1 : 0,
      consent: 0,
      churnReason: status === 'churned' ? CHURN_REASONS.pick(rng) : null,
      notes: rng.chance(0.03) ? rng.pick(NOTES) : null,
      branch: this.branch('hq'),
      createdAt: Math.floor(createdAt),
      activeUntil: Math.floor(activeUntil),
      timeZone: 'Asia/Shanghai',
      phones: [],
      emails: [],
      kam: null,
      tier: 'lead',
      lastContactAt: null,
      lastContactId: null,
      rate: 0,
      spend: 1,
      businessTraveller: false,
    };
  }

  private person(org: Cust | null, createdAt: number): Cust {
    const rng = this.rng;
    const origin: Origin = org ? 'cn' : ORIGINS.pick(rng);
    const base = org
      ? { status: org.status === 'prospect' || rng.chance(0.1) ? ('prospect' as const) : org.status, activeUntil: org.activeUntil }
      : this.statusFor(createdAt, false);
    const activeUntil = base.activeUntil;
    // Customers from abroad mostly turn up when they book.
    const status: Status = origin !== 'cn' && base.status === 'prospect' && rng.chance(0.3) ? 'active' : base.status;
    const gender: Cust['gender'] = rng.chance(0.015) ? 'unknown' : rng.chance(0.5) ? 'female' : 'male';
    const age = org ? rng.range(24, 58) : Math.min(85, 18 + Math.floor(rng.logNormal(Math.log(22), 0.45)));
    const birthYear = new Date(this.now).getUTCFullYear() - age;

    let name: string;
    let place: ForeignPlace | GreaterChinaPlace | null = null;
    if (origin === 'en') {
      const first = rng.pick(gender === 'female' ? EN_FIRST_FEMALE : EN_FIRST_MALE);
      name = `${first} ${rng.pick(EN_LAST)}`;
      place = FOREIGN_PLACES.pick(rng);
    } else if (origin === 'hk' || origin === 'tw') {
      name = TRAD_SURNAMES.pick(rng) + rng.pick(gender === 'female' ? TRAD_GIVEN_FEMALE : TRAD_GIVEN_MALE);
      place = origin === 'hk' ? HONG_KONG : TAIWAN;
    } else {
      name = this.hanName(gender, birthYear);
    }
    const c = this.newCust('person', status, origin, name, createdAt, activeUntil);
    c.gender = gender;
    c.birthYear = birthYear;
    if (status !== 'prospect' ? rng.chance(0.85) : rng.chance(0.35))
      c.birthDate = `${birthYear}-${pad2(rng.range(1, 12))}-${pad2(rng.range(1, 28))}`;
    c.consent = c.doNotContact ? 0 : rng.chance(0.4) ? 1 : 0;

    if (origin === 'cn') {
      const city = org?.cnCity ?? CN_CITIES.pick(rng);
      c.namePinyin = this.info(name).pinyin;
      c.province = city.province;
      c.city = city.city;
      c.cnCity = city;
      c.branch = this.branch(city.branch);
      c.address = rng.chance(status === 'prospect' ? 0.3 : 0.75) ? this.cnAddress(city) : null;
      c.occupation = org ? null : rng.chance(0.6) ? OCCUPATIONS.pick(rng) : null;
      c.company = org ? org.name : null;
      c.preferredChannel = rng.chance(0.5) ? 'phone' : rng.chance(0.7) ? 'wechat' : rng.chance(0.5) ? 'sms' : rng.chance(0.6) ? 'email' : 'web';
      const elderly = age >= 62;
      c.phones.push(elderly && rng.chance(0.25) ? cnLandline(rng, city) : cnMobile(rng));
      if (rng.chance(0.3)) c.phones.push(c.phones[0]!.kind === 'mobile' && rng.chance(0.6) ? cnLandline(rng, city) : cnMobile(rng));
      if (rng.chance(org ? 0.75 : elderly ? 0.25 : age < 40 ? 0.64 : 0.52)) c.emails.push(this.cnEmail(name, birthYear, org));
    } else if (origin === 'en') {
      const f = place as ForeignPlace;
      c.city = f.city;
      c.language = 'en';
      c.timeZone = f.timeZone;
      c.namePinyin = name.toLowerCase().replace(/[^a-z]/g, '');
      c.address = rng.chance(0.6) ? `${rng.range(1, 980)} ${rng.pick(f.streets)}, ${f.city}` : null;
      c.occupation = rng.chance(0.5) ? rng.pick(EN_OCCUPATIONS) : null;
      c.preferredChannel = rng.chance(0.55) ? 'email' : 'phone';
      c.phones.push(foreignPhone(rng, f, rng.chance(0.8)));
      if (rng.chance(0.25)) c.phones.push(rng.chance(0.5) ? foreignPhone(rng, f, true) : cnMobile(rng));
      if (rng.chance(0.85)) {
        const [first = '', last = ''] = name.toLowerCase().replace(/'/g, '').split(' ');
        const local = rng.chance(0.5) ? `${first}.${last}` : rng.chance(0.5) ? `${first}${last}${rng.range(1, 99)}` : `${first[0]}${last}`;
        c.emails.push(`${local}@${EN_EMAIL_DOMAINS.pick(rng)}`);
      }
    } else {
      const g = place as GreaterChinaPlace;
      c.namePinyin = this.info(name).pinyin;
      c.province = g.province;
      c.city = g.city;
      c.timeZone = g.timeZone;
      c.language = origin === 'hk' ? (rng.chance(0.75) ? 'yue' : rng.chance(0.6) ? 'zh-TW' : 'en') : 'zh-TW';
      c.branch = origin === 'hk' ? this.branch('hongkong') : this.branch('hq');
      c.address = rng.chance(0.6)
        ? origin === 'hk'
          ? `${rng.pick(g.districts)}${rng.pick(g.roads)}${rng.range(1, 300)}號${rng.range(2, 38)}樓${rng.pick(['A', 'B', 'C', 'D'])}室`
          : `台北市${rng.pick(g.districts)}${rng.pick(g.roads)}${rng.range(1, 300)}號${rng.range(2, 20)}樓`
        : null;
      c.preferredChannel = rng.chance(0.6) ? 'phone' : 'email';
      const phone = origin === 'hk' ? hkPhone : twPhone;
      c.phones.push(phone(rng, rng.chance(0.85)));
      if (rng.chance(0.3)) c.phones.push(rng.chance(0.5) ? phone(rng, false) : cnMobile(rng));
      if (rng.chance(0.6)) {
        const info = this.info(name);
        c.emails.push(`${info.pinyin}${rng.chance(0.6) ? rng.range(1, 99) : ''}@${HK_TW_EMAIL_DOMAINS.pick(rng)}`);
      }
    }
    if (org) {
      c.businessTraveller = rng.chance(0.7);
      c.kam = org.kam && rng.chance(0.5) ? org.kam : null;
    }
    const [rate, spend] = SEGMENTS.pick(rng);
    c.rate = c.businessTraveller ? Math.max(rate, rng.real(1.5, 6)) : rate;
    c.spend = spend * rng.real(0.85, 1.2);
    this.finish(c, org);
    return c;
  }

  private cnAddress(city: CnCity): string {
    const rng = this.rng;
    const district = rng.pick(city.districts);
    const road = rng.pick(ROADS);
    if (rng.chance(0.5))
      return `${district}${road}${rng.range(1, 2999)}弄${rng.range(1, 60)}号${rng.range(1, 33)}${pad2(rng.range(1, 6))}室`;
    return `${district}${road}${rng.range(1, 999)}号${rng.pick(COMPOUNDS)}${rng.range(1, 30)}栋${rng.range(1, 4)}单元${rng.range(1, 32)}${pad2(rng.range(1, 4))}`;
  }

  private cnEmail(name: string, birthYear: number, org: Cust | null): string {
    const rng = this.rng;
    const info = this.info(name);
    const domain = CN_EMAIL_DOMAINS.pick(rng);
    if (domain === 'qq.com' && rng.chance(0.45)) return `${rng.range(10_000_000, 3_999_999_999)}@qq.com`;
    const r = rng.next();
    const local =
      r < 0.32
        ? `${info.pinyin}${rng.range(1, 99)}`
        : r < 0.5
          ? `${info.pinyin}${birthYear}`
          : r < 0.6
            ? `${info.pinyin.slice(0, info.pinyin.length - info.givenPinyin.length)}.${info.givenPinyin}`
            : r < 0.72
              ? `${info.initials}${rng.range(100, 999_999)}`
              : r < 0.82
                ? `${info.pinyin}_${pad2(rng.range(1, 12))}${pad2(rng.range(1, 28))}`
                : r < 0.9
                  ? `${info.givenPinyin}${info.initials.charAt(0)}${String(birthYear).slice(2)}`
                  : info.pinyin;
    return org && rng.chance(0.4) ? `${info.pinyin}@${org.emails[0]?.split('@')[1] ?? domain}` : `${local}@${domain}`;
  }

  /** Everything that depends on the customer's history, then the rows. */
  private finish(c: Cust, org: Cust | null): void {
    const rng = this.rng;
    const s = this.s;
    if (c.status !== 'prospect' || rng.chance(0.3)) c.memberNo = memberNumber(this.memberSeq++, rng.int(7));

    const bookings = c.status === 'prospect' ? [] : this.bookings(c, org !== null || c.kind === 'organisation');
    const profit12m = customerMetrics(bookings, this.now).profit12mCents;
    c.tier = valueTier(profit12m);
    if (!c.kam && (c.tier === 'platinum' || (c.tier === 'gold' && rng.chance(0.4)))) c.kam = this.agentOf(this.team('kam'));

    this.interactions(c, bookings);
    if (c.status !== 'prospect') this.maybeComplaint(c, bookings);
    if (rng.chance(0.003)) this.standalonePromise(c);
    if (rng.chance(c.status === 'prospect' ? 0.008 : 0.004)) this.callback(c, c.status === 'prospect' ? 'sales_lead' : rng.pick(['missed_call', 'other', 'sales_lead', 'missed_call']), null, null, null);
    if (c.lastContactAt !== null && rng.chance(0.05)) this.survey(c, null);

    const updatedAt = Math.max(c.createdAt, Math.min(this.now, (c.lastContactAt ?? c.createdAt) + rng.int(DAY_MS)));
    s.customer.run(
      c.id, c.kind, c.status, c.memberNo, c.name, c.namePinyin, c.gender, c.birthDate, c.occupation, c.company,
      c.province, c.city, c.address, c.language, c.preferredChannel, c.doNotContact, c.consent, c.churnReason, c.notes,
      c.branch.id, c.kam?.id ?? null, c.tier, c.lastContactAt, c.createdAt, updatedAt,
    );
    this.counts.customers++;

    const phonesNational: string[] = [];
    c.phones.forEach((p, i) => {
      s.phone.run(rng.uuid7(c.createdAt + i), c.id, p.e164, p.national, p.kind, i === 0 ? 1 : 0, c.createdAt + i);
      phonesNational.push(p.national);
    });
    this.counts.phones += c.phones.length;
    c.emails.forEach((e, i) => s.email.run(rng.uuid7(c.createdAt + i), c.id, e, i === 0 ? 1 : 0, c.createdAt + i));
    this.counts.emails += c.emails.length;
    if (c.kind === 'person' && rng.chance(0.5)) this.preferences(c);

    const terms = this.staged.search_terms;
    let first = true;
    for (const row of termRows(c.id, { name: c.name, memberNo: c.memberNo, phonesNational, emails: c.emails })) {
      // The customer id once; null = the row before's (see StagedTable.carry).
      terms.push(row[0], first ? row[1] : null, row[2]);
      first = false;
      this.counts.searchTerms++;
    }
  }

  /** The staged rows made since the last call, by table. */
  takeStaged(): Record<StagedName, (string | number | null)[]> {
    const batch = this.staged;
    this.staged = { bookings: [], interactions: [], search_terms: [] };
    this.lastCustomerOf.bookings = this.lastCustomerOf.interactions = '';
    return batch;
  }

  /** The customer id for a staged row, or null when the row before in this batch had it. */
  private carried(table: 'bookings' | 'interactions', customerId: string): string | null {
    if (this.lastCustomerOf[table] === customerId) return null;
    this.lastCustomerOf[table] = customerId;
    return customerId;
  }

  private preferences(c: Cust): void {
    const rng = this.rng;
    // Recorded with the profile (ids ascend with the customer's), last touched some time later.
    const at = c.createdAt + 10;
    const touched = Math.min(this.now, c.createdAt + rng.int(YEAR));
    const n = rng.range(1, 3);
    const start = rng.int(PREFERENCES.length);
    for (let i = 0; i < n; i++) {
      const [category, values] = PREFERENCES[(start + i * 3) % PREFERENCES.length]!;
      this.s.preference.run(rng.uuid7(at + i), c.id, category, rng.pick(values), touched);
    }
    const interests = rng.range(0, 3);
    const first = rng.int(INTERESTS.length);
    for (let i = 0; i < interests; i++) {
      this.s.preference.run(rng.uuid7(at + n + i), c.id, 'interest', INTERESTS[(first + i * 5) % INTERESTS.length]!, touched);
    }
    this.counts.preferences += n + interests;
  }

  // ---------------------------------------------------------------- bookings

  private bookings(c: Cust, business: boolean): Booking[] {
    const rng = this.rng;
    const out: Booking[] = [];
    const from = Math.max(c.createdAt, this.now - 3 * YEAR);
    const gap = YEAR / Math.max(c.rate, 0.05);
    for (let t = from + rng.exp(gap); t < c.activeUntil; t += rng.exp(gap)) {
      const kinds = c.kind === 'organisation' ? ORG_BOOKING_KINDS : business && c.businessTraveller ? BUSINESS_BOOKING_KINDS : PERSON_BOOKING_KINDS;
      out.push(this.booking(c, this.atBusinessHour(t), kinds.pick(rng)));
    }
    return out;
  }

  private booking(c: Cust, bookedAt: number, kind: Booking['kind']): Booking {
    const rng = this.rng;
    const org = c.kind === 'organisation';
    let product: string;
    let startsAt: number;
    let endsAt: number;
    let amount: number;
    let marginRate: number;
    let guests: number;
    let branch = c.branch;
    let ref: string;
    const price = (lo: number, hi: number) => rng.real(lo, hi) * c.spend;
    if (kind === 'hotel') {
      const hotel = HOTELS.pick(rng);
      const [room, mult] = ROOM_TYPES.pick(rng);
      const nights = NIGHTS.pick(rng);
      const rooms = org ? rng.range(2, 12) : rng.chance(0.1) ? 2 : 1;
      startsAt = dayStart(bookedAt + Math.min(rng.exp(10 * DAY_MS), 120 * DAY_MS)) + 14 * HOUR;
      endsAt = startsAt + nights * DAY_MS - 2 * HOUR;
      amount = hotel.rate * mult * price(0.85, 1.25) * nights * rooms;
      marginRate = rng.real(0.15, 0.25);
      guests = rooms * (rng.chance(0.6) ? 2 : 1);
      product = `${hotel.name} ${room} ${nights}晚${rooms > 1 ? ` ×${rooms}间` : ''}`;
      branch = this.branch(hotel.branch);
      ref = `H${yymmdd(bookedAt)}${rng.digits(6)}`;
    } else if (kind === 'tour') {
      const tour = TOURS.pick(rng);
      guests = org ? rng.range(6, 30) : PARTY.pick(rng);
      startsAt = dayStart(bookedAt + 3 * DAY_MS + Math.min(rng.exp(30 * DAY_MS), 180 * DAY_MS)) + 8 * HOUR;
      endsAt = startsAt + tour.days * DAY_MS - 10 * HOUR;
      amount = price(tour.lo, tour.hi) * guests * (org ? 0.9 : 1);
      marginRate = rng.real(0.1, 0.18);
      product = tour.name;
      ref = `T${yymmdd(bookedAt)}${rng.digits(6)}`;
    } else if (kind === 'flight') {
      const flight = FLIGHTS.pick(rng);
      const [cabin, mult] = CABINS.pick(rng);
      guests = org ? rng.range(2, 12) : rng.chance(0.6) ? 1 : rng.range(2, 4);
      startsAt = dayStart(bookedAt + Math.min(rng.exp(14 * DAY_MS), 90 * DAY_MS)) + rng.range(7, 22) * HOUR + rng.int(12) * 5 * MIN;
      endsAt = startsAt + flight.hours * HOUR;
      amount = price(flight.lo, flight.hi) * mult * guests;
      marginRate = rng.real(0.03, 0.08);
      product = `${flight.name} ${cabin}`;
      ref = Array.from({ length: 6 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.charAt(rng.int(32))).join('');
    } else {
      const pkg = PACKAGES.pick(rng);
      guests = org ? rng.range(4, 20) : PARTY.pick(rng);
      startsAt = dayStart(bookedAt + 2 * DAY_MS + Math.min(rng.exp(20 * DAY_MS), 120 * DAY_MS)) + 9 * HOUR;
      endsAt = startsAt + pkg.days * DAY_MS - 12 * HOUR;
      amount = price(pkg.lo, pkg.hi) * guests;
      marginRate = rng.real(0.12, 0.2);
      product = pkg.name;
      ref = `P${yymmdd(bookedAt)}${rng.digits(6)}`;
    }
    const amountCents = Math.round(amount) * 100;
    const marginCents = Math.round(amountCents * marginRate);
    const cancelled = rng.chance(kind === 'hotel' ? 0.08 : kind === 'flight' ? 0.04 : 0.06);
    const status: Booking['status'] = cancelled ? 'cancelled' : endsAt <= this.now ? 'completed' : 'confirmed';
    const updatedAt = cancelled
      ? Math.min(this.now, bookedAt + rng.int(Math.max(1, startsAt - bookedAt)))
      : status === 'completed'
        ? Math.min(this.now, endsAt + rng.int(DAY_MS))
        : bookedAt;
    const b: Booking = { id: rng.uuid7(bookedAt), kind, status, name: product, group: guests >= 6, startsAt, endsAt, bookedAt, amountCents, marginCents, branch };
    this.staged.bookings.push(b.id, this.carried('bookings', c.id), kind, status, product, ref, branch.id, startsAt, endsAt, bookedAt, amountCents, marginCents, 'CNY', guests, updatedAt);
    this.counts.bookings++;
    return b;
  }

  // ---------------------------------------------------------------- interactions

  /** Moves `t` to a plausible time of day on the same (centre) calendar day, never after now. */
  private atBusinessHour(t: number): number {
    const rng = this.rng;
    let at = dayStart(t) + HOURS.pick(rng) * HOUR + rng.int(HOUR);
    if (at > this.now) at -= DAY_MS;
    return at;
  }

  private interactions(c: Cust, bookings: readonly Booking[]): void {
    const rng = this.rng;
    const now = this.now;
    for (const b of bookings) {
      const booked = this.contact(c, b.bookedAt, this.inboundChannel(c), 'in', 'booking', b);
      if (booked === null) continue;
      if (b.status === 'cancelled') {
        this.contact(c, this.atBusinessHour(b.bookedAt + rng.int(Math.max(DAY_MS, Math.min(b.startsAt, now) - b.bookedAt))), this.inboundChannel(c), 'in', 'cancellation', b);
        continue;
      }
      if (rng.chance(0.18) && b.startsAt - b.bookedAt > 2 * DAY_MS) {
        const at = this.atBusinessHour(b.bookedAt + DAY_MS + rng.int(b.startsAt - b.bookedAt - DAY_MS));
        if (at <= now) this.contact(c, at, this.inboundChannel(c), 'in', rng.chance(0.6) ? 'change' : 'inquiry', b);
      }
      const remindAt = b.startsAt - DAY_MS - rng.int(4 * HOUR);
      if (b.kind !== 'flight' && remindAt <= now && remindAt > b.bookedAt && rng.chance(0.35) && !c.doNotContact)
        this.contact(c, remindAt, rng.chance(0.7) ? 'sms' : 'wechat', 'out', 'notification', b);
      if (b.status === 'completed' && rng.chance(0.08)) {
        const at = this.atBusinessHour(b.endsAt + DAY_MS + rng.int(5 * DAY_MS));
        if (at <= now) this.contact(c, at, 'phone', 'out', 'feedback', b);
      }
    }
    // Contacts not tied to a booking: questions, invoices, marketing; prospects are only these.
    const from = c.createdAt;
    const until = c.activeUntil;
    const years = Math.max(0, (until - from) / YEAR);
    const extras = c.status === 'prospect' ? 1 + this.poisson(0.9) : this.poisson(Math.min(years, 3) * (c.kind === 'organisation' ? 1.2 : 0.4) + 0.6);
    for (let i = 0; i < extras; i++) {
      // The first contact of a prospect is what made them a prospect.
      const at = this.atBusinessHour(i === 0 && c.status === 'prospect' ? from + rng.int(HOUR) : from + rng.int(Math.max(HOUR, until - from)));
      if (at < from || at > now) continue;
      const disposition = c.status === 'prospect' ? 'inquiry' : EXTRA_DISPOSITIONS.pick(rng);
      this.contact(c, at, this.inboundChannel(c), 'in', disposition, rng.chance(0.7) ? this.anyProduct() : null);
    }
    if (c.consent && rng.chance(0.35)) {
      const at = this.atBusinessHour(now - rng.int(180 * DAY_MS));
      if (at > c.createdAt) this.contact(c, at, rng.chance(0.6) ? 'sms' : 'wechat', 'out', 'marketing', this.anyProduct());
    }
    // Churned customers: a win-back call that did not work.
    if (c.status === 'churned' && rng.chance(0.3)) this.contact(c, this.atBusinessHour(c.activeUntil + rng.int(90 * DAY_MS)), 'phone', 'out', 'callback', this.anyProduct());
  }

  private poisson(mean: number): number {
    const rng = this.rng;
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = rng.next(); p > limit; p *= rng.next()) k++;
    return k;
  }

  private inboundChannel(c: Cust): Channel {
    const rng = this.rng;
    if (rng.chance(0.45)) {
      const pref = c.preferredChannel;
      if (pref !== 'sms') return pref;
    }
    const ch = INBOUND_CHANNELS.pick(rng);
    if (ch === 'fax' && c.kind !== 'organisation') return 'phone';
    if (ch === 'wechat' && c.origin === 'en') return 'email';
    return ch;
  }

  private anyProduct(): Subject {
    const rng = this.rng;
    const r = rng.next();
    if (r < 0.4) return { name: HOTELS.pick(rng).name, kind: 'hotel' };
    if (r < 0.75) return { name: TOURS.pick(rng).name, kind: 'tour' };
    return { name: PACKAGES.pick(rng).name, kind: 'package' };
  }

  /** A summary for the wrap-up code, worded for the subject's kind where templates differ. */
  private summary(disposition: string, subject: Subject | null): string | null {
    const rng = this.rng;
    const t = SUMMARIES[disposition === 'booking' && subject?.group ? 'booking_group' : disposition];
    if (!t) return null;
    const own = subject ? t[subject.kind] : undefined;
    let pool = own && (!t.any || rng.chance(0.75)) ? own : t.any ?? own;
    // Without a subject only templates that do not name a product fit.
    if (!subject) pool = (t.any ?? []).filter((x) => !x.includes('{p}'));
    if (!pool || pool.length === 0) return subject ? null : this.summary(disposition, this.anyProduct());
    const text = rng.pick(pool);
    return subject ? text.replace('{p}', subject.name) : text;
  }

  /**
   * Writes one interaction; returns its id, or null when it was not written (in the future).
   * Phone calls get call ids, numbers, queue and timings like the CTI would record them.
   */
  private contact(
    c: Cust,
    startedAt: number,
    channel: Channel,
    direction: 'in' | 'out',
    disposition: string,
    subject: Subject | null,
    forceAnswered = false,
  ): string | null {
    if (startedAt > this.now) return null;
    const rng = this.rng;
    const id = rng.uuid7(startedAt);
    let agent: Agent | null = null;
    let answeredAt: number | null = null;
    let endedAt: number | null = startedAt;
    let durationS: number | null = null;
    let callId: string | null = null;
    let from: string | null = null;
    let to: string | null = null;
    let queue: string | null = null;
    let waitS: number | null = null;
    let outcome: string | null = null;
    let disp: string | null = disposition;
    const phone = c.phones.length > 1 && rng.chance(0.2) ? c.phones[1]! : c.phones[0]!;

    if (channel === 'phone') {
      callId = `${Math.floor(startedAt / 1000)}.${this.callSeq++}`;
      if (direction === 'in') {
        // Stored as the live call path stores them: the caller in E.164, the dialled line (DNIS)
        // in the digits the PBX presents.
        const vip = c.tier === 'platinum' || c.tier === 'gold' || c.kind === 'organisation';
        const line = c.branch.isHotel && rng.chance(0.5) ? c.branch : rng.chance(0.75) ? this.branch('hq') : c.branch;
        from = phone.e164;
        to = vip && line.key === 'hq' && rng.chance(0.6) ? VIP_LINE.dnis : line.dnis;
        queue =
          disposition === 'complaint'
            ? 'complaints'
            : c.language === 'en'
              ? 'english'
              : vip
                ? 'vip'
                : line.isHotel
                  ? 'hotel'
                  : 'hotline';
        waitS = Math.min(600, Math.round(rng.logNormal(Math.log(queue === 'vip' ? 8 : 22), 0.9)));
        if (!forceAnswered && rng.chance(0.04)) {
          // Hung up in the queue: no agent, no wrap-up; it shows up as a missed call.
          outcome = 'missed';
          disp = null;
          endedAt = startedAt + waitS * 1000;
          durationS = 0;
        } else {
          agent = this.serviceAgent(c, channel);
          outcome = 'completed';
          answeredAt = startedAt + waitS * 1000;
          durationS = Math.min(5400, Math.round(rng.logNormal(Math.log(disposition === 'complaint' ? 420 : 170), 0.7)));
          endedAt = answeredAt + durationS * 1000;
        }
      } else {
        agent = disposition === 'feedback' || disposition === 'callback' ? this.agentOf(this.team('outbound')) : this.serviceAgent(c, channel);
        from = c.branch.dnis;
        to = phone.e164;
        outcome = forceAnswered ? 'completed' : OUT_OUTCOMES.pick(rng);
        const ring = rng.range(4, 30);
        if (outcome === 'completed') {
          answeredAt = startedAt + ring * 1000;
          durationS = Math.min(3600, Math.round(rng.logNormal(Math.log(120), 0.7)));
          endedAt = answeredAt + durationS * 1000;
        } else {
          disp = 'no_answer';
          durationS = 0;
          endedAt = startedAt + ring * 1000;
        }
      }
    } else if (channel === 'sms') {
      if (direction === 'out') to = phone.kind === 'landline' ? null : phone.e164;
      else from = phone.e164;
    } else if (channel === 'walk_in') {
      agent = this.serviceAgent(c, channel);
      durationS = rng.range(5, 45) * 60;
      endedAt = startedAt + durationS * 1000;
    } else if (channel === 'wechat' || channel === 'web') {
      agent = direction === 'out' && (disposition === 'notification' || disposition === 'marketing') ? null : this.serviceAgent(c, channel);
      durationS = rng.range(2, 40) * 60;
      endedAt = startedAt + durationS * 1000;
    } else {
      // email, fax
      agent = direction === 'out' && (disposition === 'notification' || disposition === 'marketing') ? null : this.serviceAgent(c, channel);
    }
    if (endedAt !== null && endedAt > this.now) endedAt = this.now;
    const summary = disp === null ? null : this.summary(disp, subject);
    // Stored wrap-up codes are the app's (shared/contract DISPOSITIONS); an unreached outbound call needs a callback;
    // automatic notifications and marketing messages have no agent and so no wrap-up.
    if (disp !== null && disp in STORED_DISPOSITION) disp = STORED_DISPOSITION[disp] ?? null;
    this.staged.interactions.push(
      id, this.carried('interactions', c.id), channel, direction, agent?.id ?? null, startedAt, answeredAt, endedAt, durationS, callId, callId, from, to, queue, waitS, outcome, disp, summary, endedAt ?? startedAt,
    );
    this.counts.interactions++;
    const reached = outcome === null || outcome === 'completed';
    if (reached && (c.lastContactAt === null || startedAt > c.lastContactAt)) {
      c.lastContactAt = startedAt;
      c.lastContactId = id;
    }
    if (outcome === 'missed' && startedAt > this.now - 3 * DAY_MS && rng.chance(0.5)) this.callback(c, 'missed_call', null, null, id);
    return id;
  }

  // ---------------------------------------------------------------- complaints

  private maybeComplaint(c: Cust, bookings: readonly Booking[]): void {
    const rng = this.rng;
    const now = this.now;
    let recent: Booking | undefined;
    let past: Booking | undefined;
    for (const b of bookings) {
      if (b.status !== 'completed') continue;
      if (b.endsAt > now - 25 * DAY_MS) recent = b;
      else past = b;
    }
    const forced = this.forcedComplaintSteps.length > 0 && c.status === 'active' && rng.chance(0.05);
    if (forced) {
      const step = this.forcedComplaintSteps.shift()!;
      this.complaint(c, recent ?? null, step === 0 ? null : step, step === 0 ? now - rng.range(30, 200) * DAY_MS : null);
    } else if (recent && rng.chance(0.05)) {
      // Recent trouble: most still being worked on.
      this.complaint(c, recent, rng.chance(0.3) ? null : this.openStep(), null);
    } else if (past && rng.chance(0.014)) {
      this.complaint(c, past, null, null);
    }
  }

  private openStep(): number {
    const r = this.rng.next();
    return r < 0.12 ? 1 : r < 0.24 ? 2 : r < 0.48 ? 3 : r < 0.72 ? 4 : r < 0.9 ? 5 : 6;
  }

  /**
   * One complaint, made by running the wizard's own state machine (complaintFlow) event by event
   * with generated times, so every record is what the app would have written: the flow's step
   * data and enum codes, outcomes, SLA due times (shared sla.ts), rounds and reopens, first-contact
   * resolution as the flow decides it, and the report columns copied out as the core copies them
   * (stepRow). `openAt` null = closed; otherwise the complaint stops at that step, its record a
   * draft. Some remedies are refused (back to analyse, or escalated), amounts above the approval
   * threshold are approved by the team's supervisor, follow-ups are real callbacks (or 'manual'
   * when the customer has no phone or must not be contacted), some unreached first, some
   * unsatisfied (another remedy), and a few closed complaints are reopened for a second round.
   */
  private complaint(c: Cust, booking: Booking | null, openAt: number | null, closedOpenedAt: number | null): void {
    const rng = this.rng;
    const now = this.now;
    const kinds = booking ? COMPLAINT_KINDS.items.filter((k) => k.kinds.length === 0 || k.kinds.includes(booking.kind)) : COMPLAINT_KINDS.items.filter((k) => k.kinds.length === 0);
    const kind: ComplaintKind = rng.pick(kinds);
    let openedAt: number;
    if (openAt !== null) openedAt = now - rng.int(openAt <= 2 ? 2 * DAY_MS : 12 * DAY_MS) - HOUR;
    else if (closedOpenedAt !== null) openedAt = closedOpenedAt;
    else openedAt = booking ? Math.min(now - 20 * DAY_MS, booking.endsAt + rng.int(4 * DAY_MS)) : now - rng.range(20, 400) * DAY_MS;
    openedAt = this.atBusinessHour(openedAt);
    // Leave room for the steps already done before now.
    if (openedAt > now - HOUR) openedAt -= DAY_MS;
    if (openedAt < c.createdAt) openedAt = Math.min(now - HOUR, c.createdAt + HOUR);

    const interactionId = this.contact(c, openedAt, 'phone', 'in', 'complaint', booking ?? { name: '客服热线服务', kind: 'package' }, true)!;
    const team = this.team('complaints');
    const owner = this.agentOf(team);
    const supervisor = team.agents.find((a) => a.role === 'supervisor') ?? owner;
    const severity = SEVERITIES.pick(rng);
    // Resolved on first contact: steps 1–4 during the call, the remedy accepted at once.
    const fcr = openAt === null && rng.chance(0.25);
    const reopened = openAt === null && !fcr && (this.forcedReopen || rng.chance(0.06));
    const id = rng.uuid7(openedAt);
    const config = DEFAULT_COMPLAINT_FLOW_CONFIG;

    let t = openedAt;
    let contact: string | null = interactionId;
    let state: ComplaintFlowState | null = null;
    const callbacks: FollowUpCall[] = [];
    let followUpCallbackId: string | null = null;
    /** Time passes (never beyond now: a recent complaint's steps are squeezed together). */
    const wait = (ms: number) => {
      t = Math.min(t + Math.max(MIN, Math.round(ms)), now - MIN);
    };
    /** Some time within (and now and then past) the step's SLA allowance. */
    const work = (step: StepNumber) => wait(rng.int(stepAllowanceHours(step, severity) * HOUR * (rng.chance(0.12) ? 1.6 : 0.8)) + 5 * MIN);
    const run = (event: ComplaintEvent, actor: Agent = owner): ComplaintFlowState => {
      const r = complaintFlow(state, event, { now: t, actorId: actor.id, config, contactId: contact });
      if (!r.ok) throw new Error(`demo complaint: ${event.type} refused (${r.reason} ${JSON.stringify(r.errors ?? {})})`);
      let next = r.state;
      for (const effect of r.effects) {
        if (effect.kind !== 'scheduleCallback') continue;
        // As the core: a new follow-up callback, reused while still scheduled; none without a usable number.
        const live = callbacks.find((cb) => cb.id === followUpCallbackId && cb.status === 'scheduled');
        let patch: Record<string, unknown>;
        if (live) patch = { callbackId: live.id };
        else if (c.doNotContact === 1 || c.phones.length === 0) {
          followUpCallbackId = null;
          patch = { callbackId: MANUAL_FOLLOW_UP, noCallbackReason: c.doNotContact === 1 ? 'do_not_contact' : 'no_phone' };
        } else {
          const cb: FollowUpCall = { id: rng.uuid7(t), createdAt: t, status: 'scheduled', attempts: [] };
          callbacks.push(cb);
          followUpCallbackId = cb.id;
          patch = { callbackId: cb.id };
        }
        const record = currentRecord(next)!;
        const steps = [...next.steps];
        steps[record.seq] = { ...record, data: { ...record.data, ...patch } };
        next = { ...next, steps };
      }
      state = next;
      return next;
    };
    const callAttempt = (outcome: string) => {
      const cb = callbacks.find((x) => x.id === followUpCallbackId);
      if (!cb) return;
      cb.attempts.push({ at: t, outcome });
      if (outcome === 'reached') cb.status = 'done';
    };

    // What happened: the customer's words and the facts the analysis finds are told as a pair.
    const story = rng.int(kind.words.length);
    const facts = kind.facts[story % kind.facts.length]!;
    const listen = (): Record<string, unknown> => ({
      customerWords: kind.words[story]!,
      channel: 'phone_in',
      category: kind.category,
      subcategory: kind.subcategory,
      severity,
      wants: rng.pick(kind.wants),
    });
    const analyse = (): Record<string, unknown> => {
      const evidence = `${rng.pick(kind.evidence)}；${rng.pick(EVIDENCE_EXTRA)}`.replace(/；$/, '');
      return { factsChecked: facts, rootCause: rng.pick(kind.rootCauses), department: kind.department, evidenceNotes: evidence };
    };
    const solve = (remedy: Remedy): Record<string, unknown> => {
      if (remedy === 'upgrade' || remedy === 'redo' || remedy === 'apology_only') return { remedy };
      const amountCents =
        remedy === 'voucher'
          ? rng.pick([20_000, 30_000, 50_000, 100_000])
          : Math.max(5_000, Math.round(Math.min(booking ? booking.amountCents * rng.real(0.05, 0.4) : rng.range(100, 800) * 100, 2_000_000) / 100) * 100);
      return { remedy, amountCents, currency: 'CNY' };
    };
    /** Solve accepted, approved first by the supervisor when the amount needs it. */
    const accept = (data: Record<string, unknown>) => {
      if (approvalNeeded(data.amountCents, config.approvalThresholdCents)) {
        run({ type: 'saveDraft', step: 4, data });
        wait(rng.range(10, 240) * MIN);
        run({ type: 'approve', approverRole: 'supervisor' }, supervisor);
        wait(rng.range(5, 60) * MIN);
      }
      run({ type: 'completeStep', step: 4, data: { ...data, customerAccepted: true } });
    };
    /** Follow-up calls until reached (or stop at step 5 when `stopHere`); true when the complaint moved on. */
    const followUp = (stopHere: boolean, satisfied: boolean): boolean => {
      wait(rng.range(2, 30) * HOUR);
      for (let i = 0, misses = rng.chance(0.25) ? rng.range(1, 2) : 0; i < misses; i++) {
        callAttempt(rng.pick(['no_answer', 'busy', 'voicemail']));
        run({ type: 'followUpResult', reached: false });
        wait(rng.range(2, 20) * HOUR);
      }
      if (stopHere) return false;
      callAttempt('reached');
      run({ type: 'followUpResult', reached: true, satisfied });
      return true;
    };
    const reflect = (): Record<string, unknown> => {
      const s = state!;
      const causes = s.steps.filter((r) => r.step === 3 && r.state === 'done').map((r) => r.data.rootCause as RootCause);
      const [lesson, preventiveAction] = rng.pick(REFLECTIONS[causes[causes.length - 1] ?? 'other']);
      const role = rng.pick(REFLECT_OWNERS);
      return { lesson, preventiveAction, owner: role === null ? owner.name : `${kind.department}${role === '部门经理' ? '经理' : role}`, dueAt: t + rng.range(7, 30) * DAY_MS };
    };

    // Round 1.
    run({ type: 'start', source: 'call', firstContact: true, contactId: interactionId });
    wait(rng.range(2, 10) * MIN);
    if (openAt === 1) {
      const { customerWords, channel } = listen();
      run({ type: 'saveDraft', step: 1, data: { customerWords, channel } });
    } else {
      run({ type: 'completeStep', step: 1, data: listen() });
      wait(rng.range(1, 6) * MIN);
      if (openAt === 2) run({ type: 'saveDraft', step: 2, data: { said: rng.pick(APOLOGIES[kind.category]) } });
      else run({ type: 'completeStep', step: 2, data: { said: rng.pick(APOLOGIES[kind.category]), at: t } });
    }
    if (openAt === null || openAt > 2) {
      if (!fcr) contact = null; // analysed and solved after the call
      const refusals = fcr || openAt === 3 ? 0 : rng.chance(0.15) ? (rng.chance(0.2) ? 2 : 1) : 0;
      let moved = true;
      for (let i = 0; i <= refusals && moved; i++) {
        if (i === 0 || state!.currentStep === 3) {
          if (fcr) wait(rng.range(3, 12) * MIN);
          else work(3);
          if (openAt === 3 && i === refusals) {
            run({ type: 'saveDraft', step: 3, data: { factsChecked: facts } });
            moved = false;
            break;
          }
          run({ type: 'completeStep', step: 3, data: analyse() });
        }
        if (fcr) wait(rng.range(3, 12) * MIN);
        else work(4);
        if (i < refusals) {
          // The customer refuses: analyse again, or now and then straight to a supervisor.
          run({ type: 'customerRejected', then: rng.chance(0.2) ? 'escalate' : 'analyse', data: solve(rng.pick(['voucher', 'apology_only', 'upgrade'] as const)) });
          continue;
        }
        const remedy = REMEDIES.pick(rng);
        if (openAt === 4) {
          run({ type: 'saveDraft', step: 4, data: solve(remedy) });
          moved = false;
        } else accept(solve(remedy));
      }
      if (moved) {
        contact = null;
        const happy = fcr || rng.chance(0.85);
        if (followUp(openAt === 5, happy) && !happy) {
          // Unsatisfied: a better remedy, then a second follow-up call.
          work(4);
          accept(solve(rng.pick(['compensation', 'voucher', 'refund'] as const)));
          followUp(false, true);
        }
        if (openAt === null || openAt === 6) {
          work(6);
          if (openAt === 6) run({ type: 'saveDraft', step: 6, data: { lesson: reflect().lesson } });
          else {
            run({ type: 'completeStep', step: 6, data: reflect() });
            wait(rng.range(1, 120) * MIN);
            run({ type: 'close' });
          }
        }
      }
    }
    if (reopened && t < now - 3 * DAY_MS) {
      // Round 2: the customer called again; analyse, solve, follow-up and reflect anew (round 1 stays as history).
      this.forcedReopen = false;
      wait(rng.range(2, 10) * DAY_MS);
      run({ type: 'reopen', reason: rng.pick(REOPEN_REASONS) });
      work(3);
      run({ type: 'completeStep', step: 3, data: analyse() });
      work(4);
      accept(solve(rng.pick(['compensation', 'refund', 'voucher'] as const)));
      followUp(false, true);
      work(6);
      run({ type: 'completeStep', step: 6, data: reflect() });
      wait(rng.range(1, 120) * MIN);
      run({ type: 'close' });
    }

    const final = state as unknown as ComplaintFlowState;
    const updatedAt = Math.max(...final.steps.map((r) => r.updatedAt), final.closedAt ?? 0);
    this.s.complaint.run(
      id, c.id, interactionId, booking?.id ?? null, final.status, final.currentStep, final.category, final.subcategory, final.severity,
      final.firstContactResolution ? 1 : 0, final.reopenCount, owner.id, team.id, final.openedAt, final.closedAt, final.slaDueAt, updatedAt,
      final.source, final.firstContact ? 1 : 0, final.round, JSON.stringify(final.reopens), final.escalated ? 1 : 0, followUpCallbackId,
      isAwaitingApproval(final, config.approvalThresholdCents) ? 1 : 0,
    );
    this.counts.complaints++;
    for (const record of final.steps) {
      const r = stepRow(record);
      this.s.step.run(
        rng.uuid7(record.startedAt), id, r.step, r.round, r.state, r.data, r.author_agent_id, r.started_at, r.completed_at, r.sla_due_at, r.updated_at,
        r.outcome, r.contact_id, r.root_cause, r.remedy, r.amount_cents, r.currency,
      );
      this.counts.steps++;
    }
    // The accepted money remedy is a service promise (paid out, or still to be).
    let promiseId: string | null = null;
    const paid = final.steps.filter((r) => r.step === 4 && r.outcome === 'accepted' && typeof r.data.amountCents === 'number');
    const last = paid[paid.length - 1];
    if (last) {
      const created = last.completedAt!;
      const due = created + rng.range(2, 5) * DAY_MS;
      // Open ones past their date are the overdue promises a supervisor chases.
      const status = final.status === 'closed' || rng.chance(0.5) ? 'kept' : 'open';
      const what = last.data.remedy === 'voucher' ? '本周内补发代金券' : last.data.remedy === 'refund' ? '三个工作日内退还多收的费用' : '五个工作日内支付补偿款';
      promiseId = this.promise(c, id, what, created, due, owner, status);
    }
    for (const cb of callbacks) this.followUpCallback(c, cb, id, promiseId, interactionId, owner, severity);
    if (final.status === 'closed' && rng.chance(0.35)) this.survey(c, id);
  }

  /** A complaint's follow-up callback as the core creates it: to the owner, a 2-hour window, its attempts. */
  private followUpCallback(c: Cust, cb: FollowUpCall, complaintId: string, promiseId: string | null, interactionId: string, owner: Agent, severity: Severity): void {
    const rng = this.rng;
    const start = cb.createdAt;
    const end = start + 2 * HOUR;
    const last = cb.attempts.length ? cb.attempts[cb.attempts.length - 1]!.at : cb.createdAt;
    const note = rng.pick(CALLBACK_NOTES.complaint_follow_up!);
    this.s.callback.run(
      cb.id, c.id, c.phones[0]!.e164, 'complaint_follow_up', start, end, c.timeZone, severity === 'critical' || severity === 'high' ? 1 : 2, owner.id, null,
      cb.status, cb.attempts.length, complaintId, promiseId, interactionId, note, start, null, cb.status === 'scheduled' && this.now - end > DAY_MS ? end + DAY_MS : null,
      cb.createdAt, last,
    );
    this.counts.callbacks++;
    for (const a of cb.attempts) {
      this.s.attempt.run(rng.uuid7(a.at), cb.id, owner.id, a.at, a.outcome, ATTEMPT_NOTES[a.outcome] ?? null, a.at);
      this.counts.attempts++;
    }
  }

  // ---------------------------------------------------------------- promises, callbacks, surveys

  private promise(c: Cust, complaintId: string | null, description: string, createdAt: number, dueAt: number, owner: Agent, status: string): string {
    const rng = this.rng;
    const id = rng.uuid7(createdAt);
    const keptAt = status === 'kept' ? Math.min(this.now, createdAt + rng.int(Math.max(HOUR, dueAt - createdAt))) : null;
    this.s.promise.run(id, c.id, complaintId, description, dueAt, owner.id, status, keptAt, createdAt, keptAt ?? createdAt);
    this.counts.promises++;
    if (status === 'open' && rng.chance(0.4)) this.callback(c, 'service_promise', complaintId, id, null, description);
    return id;
  }

  private standalonePromise(c: Cust): void {
    const rng = this.rng;
    // The first one is open and overdue, so even a small data set has one to chase.
    const overdue = this.forcedOverduePromise;
    this.forcedOverduePromise = false;
    const createdAt = this.atBusinessHour(Math.max(c.createdAt, this.now - (overdue ? rng.range(12, 30) * DAY_MS : rng.int(120 * DAY_MS))));
    const dueAt = createdAt + rng.range(1, 10) * DAY_MS;
    const r = rng.next();
    const status = overdue || dueAt > this.now ? 'open' : r < 0.65 ? 'kept' : r < 0.82 ? 'open' : r < 0.95 ? 'broken' : 'cancelled';
    this.promise(c, null, rng.pick(PROMISES), createdAt, dueAt, this.serviceAgent(c, 'phone'), status);
  }

  private callback(c: Cust, reason: string, complaintId: string | null, promiseId: string | null, interactionId: string | null, subject?: string): void {
    const rng = this.rng;
    const now = this.now;
    if (c.phones.length === 0) return;
    const forced = this.forcedCallbacks.shift();
    const r = rng.next();
    const state = forced ?? (r < 0.26 ? 'today' : r < 0.42 ? 'overdue' : r < 0.58 ? 'upcoming' : r < 0.92 ? 'done' : r < 0.97 ? 'failed' : 'cancelled');
    let start: number;
    if (state === 'today') start = Math.max(this.today, now + rng.int(Math.max(MIN, Math.min(6 * HOUR, this.tomorrow - now))) - 30 * MIN);
    else if (state === 'overdue') start = now - rng.range(3 * 60, 3 * 24 * 60) * MIN;
    else if (state === 'upcoming') start = this.tomorrow + 9 * HOUR + rng.int(6 * DAY_MS);
    else start = now - rng.range(2, 60) * DAY_MS;
    const end = state === 'today' ? Math.max(start + 2 * HOUR, now + 90 * MIN) : start + 2 * HOUR;
    const createdAt = Math.max(c.createdAt, Math.min(start - rng.range(1, 48) * HOUR, now - MIN));
    const status = state === 'done' ? 'done' : state === 'failed' ? 'failed' : state === 'cancelled' ? 'cancelled' : 'scheduled';
    const toTeam = rng.chance(0.3);
    const team = reason === 'complaint_follow_up' ? this.team('complaints') : this.team('outbound');
    const agent = toTeam ? null : c.kam && rng.chance(0.5) ? c.kam : this.agentOf(team);
    const id = rng.uuid7(createdAt);
    const priority = reason === 'complaint_follow_up' || c.tier === 'platinum' ? 1 : reason === 'sales_lead' ? 3 : 2;
    const phone = c.phones[0]!.e164;
    const note = rng.pick(CALLBACK_NOTES[reason] ?? CALLBACK_NOTES.other!).replace('{p}', subject ?? this.anyProduct().name);
    const attempts: { at: number; outcome: string }[] = [];
    if (status === 'done') {
      for (let i = 0, n = rng.range(0, 2); i < n; i++) attempts.push({ at: start + i * 40 * MIN, outcome: rng.pick(['no_answer', 'busy', 'voicemail']) });
      attempts.push({ at: start + attempts.length * 40 * MIN + rng.int(30 * MIN), outcome: 'reached' });
    } else if (status === 'failed') {
      for (let i = 0; i < 3; i++) attempts.push({ at: start + i * 2 * HOUR, outcome: i === 2 && rng.chance(0.2) ? 'wrong_number' : rng.pick(['no_answer', 'no_answer', 'busy', 'voicemail']) });
    } else if (state === 'overdue' && rng.chance(0.5)) {
      attempts.push({ at: start + rng.int(90 * MIN), outcome: 'no_answer' });
    }
    const lastAt = attempts.length ? attempts[attempts.length - 1]!.at : createdAt;
    const remindedAt = state === 'upcoming' || (state === 'today' && start > now) ? null : start;
    const escalatedAt = state === 'overdue' && now - end > 24 * HOUR ? end + 24 * HOUR : null;
    this.s.callback.run(
      id, c.id, phone, reason, start, end, c.timeZone, priority, agent?.id ?? null, toTeam || !agent ? team.id : null, status, attempts.length,
      complaintId, promiseId, interactionId, note, remindedAt, null, escalatedAt, createdAt, Math.min(now, Math.max(lastAt, createdAt)),
    );
    this.counts.callbacks++;
    for (const a of attempts) {
      const by = agent ?? this.agentOf(team);
      this.s.attempt.run(rng.uuid7(a.at), id, by.id, a.at, a.outcome, ATTEMPT_NOTES[a.outcome] ?? null, a.at);
      this.counts.attempts++;
    }
  }

  private survey(c: Cust, complaintId: string | null): void {
    const rng = this.rng;
    const last = c.lastContactAt;
    if (last === null) return;
    const answeredAt = Math.min(this.now, last + rng.range(1, 72) * HOUR);
    const r = rng.next();
    const csat = complaintId ? (r < 0.35 ? 5 : r < 0.6 ? 4 : r < 0.78 ? 3 : r < 0.9 ? 2 : 1) : r < 0.46 ? 5 : r < 0.76 ? 4 : r < 0.88 ? 3 : r < 0.95 ? 2 : 1;
    const nps = csat === 5 ? rng.range(9, 10) : csat === 4 ? rng.range(7, 9) : csat === 3 ? rng.range(5, 7) : csat === 2 ? rng.range(2, 5) : rng.range(0, 3);
    const withNps = rng.chance(0.7);
    const comment = rng.chance(0.4) ? rng.pick(SURVEY_COMMENTS[csat >= 4 ? 'good' : csat === 3 ? 'ok' : 'bad']) : null;
    this.s.survey.run(rng.uuid7(answeredAt), c.id, complaintId ? null : c.lastContactId, complaintId, csat, withNps ? nps : null, comment, answeredAt, answeredAt);
    this.counts.surveys++;
  }
}

/** Existence, not a count: counting a million rows costs a fifth of a second at every host start. */
function hasCustomers(db: Database): boolean {
  return (db.prepare('SELECT EXISTS (SELECT 1 FROM customers) AS any').get() as { any: number }).any === 1;
}

function validate(opts: DemoOptions): void {
  if (!Number.isSafeInteger(opts.customers) || opts.customers < 1 || opts.customers > MAX_DEMO_CUSTOMERS)
    throw new Error(`demo: customers must be an integer from 1 to ${MAX_DEMO_CUSTOMERS}, got ${opts.customers}`);
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new Error(`demo: seed must be a non-negative integer, got ${opts.seed}`);
  if (!Number.isSafeInteger(opts.now) || opts.now < 10 * YEAR) throw new Error(`demo: now must be epoch milliseconds, got ${opts.now}`);
}

interface SavedPragmas {
  synchronous: number;
  cacheSize: number;
  foreignKeys: number;
  tempStore: number;
}

/**
 * Fills an empty store with the demo data set. Throws, changing nothing, when the store already
 * holds customers. On a failure half-way the batches written so far stay (each is committed),
 * the indexes are rebuilt, and the error says to start over in a new data directory.
 */
export function generateDemo(db: Database, opts: DemoOptions): DemoSummary {
  validate(opts);
  if (hasCustomers(db))
    throw new Error('demo: the store already holds customers; demo data is only generated into an empty store (use a new data directory)');
  const started = performance.now();
  const report = opts.onProgress ?? (() => {});
  const total = opts.customers;

  report({ phase: 'prepare', done: 0, total: 1 });
  const saved: SavedPragmas = {
    synchronous: db.pragma('synchronous', { simple: true }) as number,
    cacheSize: db.pragma('cache_size', { simple: true }) as number,
    foreignKeys: db.pragma('foreign_keys', { simple: true }) as number,
    tempStore: db.pragma('temp_store', { simple: true }) as number,
  };
  // Durability is pointless while loading (a crash means starting over anyway) and the rows are
  // consistent by construction (the demo test runs PRAGMA foreign_key_check). Foreign keys off
  // also lets SQLite's transfer optimisation copy the staged search terms.
  db.pragma('synchronous = OFF');
  db.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
  db.pragma('foreign_keys = OFF');
  // Index builds sort on both cores and spill to a temp file, not RAM.
  db.pragma('temp_store = FILE');
  db.pragma('threads = 2');
  dropSecondaryIndexes(db, LOADED_TABLES);
  // Two staging workers (see staging-worker.ts): one for bookings and interactions, one for
  // search_terms. Each builds its tables' indexes at the end, and the store keeps the same
  // (empty) indexes, so the final copies bring them along.
  const schema = (table: string) =>
    db.prepare<[string], { type: string; sql: string }>('SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY rowid').all(table);
  const indexesOf = (...tables: StagedName[]) => tables.flatMap((t) => schema(t).filter((r) => r.type === 'index').map((r) => r.sql));
  const staged = (name: StagedName): StagedTable => ({
    name,
    createSql: schema(name).find((r) => r.type === 'table')!.sql,
    columns: STAGED_COLUMNS[name],
    sortBy: name === 'search_terms' ? [0, 1] : [0],
    carry: [STAGED_COLUMNS[name].indexOf('customer_id' as never)],
  });
  const rowsStage = stagingFile(db, 'rows');
  const termsStage = stagingFile(db, 'terms');
  const rowsWorker = new StagingWorker('bookings/interactions', rowsStage.file, [staged('bookings'), staged('interactions')], indexesOf('bookings', 'interactions'), ROWS_WORKER_CACHE_KIB);
  const termsWorker = new StagingWorker(
    'search terms',
    termsStage.file,
    [staged('search_terms')],
    indexesOf('search_terms'),
    TERMS_WORKER_CACHE_KIB,
  );
  report({ phase: 'prepare', done: 1, total: 1 });

  let g: Generator;
  try {
    g = new Generator(db, opts.seed, opts.now);
    report({ phase: 'reference', done: 0, total: 1 });
    db.transaction(() => g.reference(db))();
    report({ phase: 'reference', done: 1, total: 1 });

    let made = 0;
    report({ phase: 'customers', done: 0, total });
    while (made < total) {
      const target = Math.min(total, made + BATCH);
      db.transaction(() => {
        while (made < target) {
          const flushAt = Math.min(target, made + FLUSH);
          while (made < flushAt) made += g.unit(made, total);
          const batch = g.takeStaged();
          rowsWorker.send({ bookings: batch.bookings, interactions: batch.interactions });
          termsWorker.send({ search_terms: batch.search_terms });
        }
      })();
      report({ phase: 'customers', done: made, total });
    }

    // The workers index their tables while this thread rebuilds the indexes it dropped.
    rowsWorker.finish();
    termsWorker.finish();
    rebuildIndexes(db, report);
    report({ phase: 'copy', done: 0, total: 2 });
    rowsWorker.awaitDone();
    copyStaged(db, rowsStage.file, ['bookings', 'interactions']);
    rowsStage.remove();
    report({ phase: 'copy', done: 1, total: 2 });
    termsWorker.awaitDone();
    copyStaged(db, termsStage.file, ['search_terms']);
    termsStage.remove();
    report({ phase: 'copy', done: 2, total: 2 });
  } catch (err) {
    rowsWorker.terminate();
    termsWorker.terminate();
    try {
      rebuildIndexes(db, report);
    } finally {
      restorePragmas(db, saved);
      // A worker may still hold its file (Windows refuses to delete it then); the next run's
      // repairInterruptedDemo removes what is left. Never hide the real error behind this.
      for (const stage of [rowsStage, termsStage]) {
        try {
          stage.remove();
        } catch {
          /* left for repairInterruptedDemo */
        }
      }
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`demo: generation failed (${message}); the store holds a partial data set — delete the data directory and run again`, { cause: err });
  }

  report({ phase: 'finish', done: 0, total: 1 });
  // Planner statistics, sampled (analysis_limit) so this takes a second, not a minute.
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
  restorePragmas(db, saved);
  // Fold the load's WAL into the main file and make it durable before anyone relies on it.
  db.pragma('wal_checkpoint(TRUNCATE)');
  report({ phase: 'finish', done: 1, total: 1 });

  const k = g.counts;
  const searchTerms = (db.prepare('SELECT count(*) AS n FROM search_terms').get() as { n: number }).n;
  const rows =
    k.reference + k.customers + k.phones + k.emails + k.preferences + k.credit + k.orgContacts + searchTerms + k.bookings +
    k.interactions + k.complaints + k.steps + k.promises + k.callbacks + k.attempts + k.surveys;
  return {
    customers: k.customers,
    organisations: k.organisations,
    phones: k.phones,
    bookings: k.bookings,
    interactions: k.interactions,
    complaints: k.complaints,
    callbacks: k.callbacks,
    promises: k.promises,
    surveys: k.surveys,
    searchTerms,
    rows,
    ms: Math.round(performance.now() - started),
  };
}

function rebuildIndexes(db: Database, report: (p: DemoProgress) => void): void {
  const total = pendingIndexes(db).length;
  report({ phase: 'indexes', done: 0, total });
  recreateIndexes(db, (done, n) => report({ phase: 'indexes', done, total: n }));
}

function restorePragmas(db: Database, saved: SavedPragmas): void {
  db.pragma('threads = 0');
  db.pragma(`temp_store = ${saved.tempStore}`);
  db.pragma(`foreign_keys = ${saved.foreignKeys ? 'ON' : 'OFF'}`);
  db.pragma(`cache_size = ${saved.cacheSize}`);
  db.pragma(`synchronous = ${saved.synchronous}`);
}

/**
 * After a demo load that was killed half-way (Ctrl-C, crash): rebuilds the indexes it had
 * dropped and deletes the workers' scratch files. The partial data set itself stays — the
 * generator refuses a store with customers, so the user starts over in a new directory.
 */
export function repairInterruptedDemo(db: Database): void {
  if (pendingIndexes(db).length > 0) recreateIndexes(db);
  if (db.name !== '' && db.name !== ':memory:' && !db.memory) for (const name of STAGING_NAMES) stagingFile(db, name).remove();
}

const STAGING_NAMES = ['rows', 'terms'] as const;

/** A worker's scratch database: next to the store (same disk, known to have room), else in the temp dir. */
function stagingFile(db: Database, name: (typeof STAGING_NAMES)[number]): { file: string; remove(): void } {
  const onDisk = db.name !== '' && db.name !== ':memory:' && !db.memory;
  const dir = onDisk ? null : mkdtempSync(join(tmpdir(), 'kefu-demo-'));
  const file = onDisk ? `${db.name}.demo-${name}` : join(dir!, `${name}.sqlite`);
  const remove = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  remove();
  return { file, remove };
}

/**
 * Same schema, empty target, foreign keys off: SQLite copies the raw records of each staged
 * table and of its indexes in key order (the transfer optimisation), as appends.
 */
function copyStaged(db: Database, file: string, tables: readonly StagedName[]): void {
  db.prepare('ATTACH DATABASE ? AS demo_stage').run(file);
  try {
    for (const t of tables) db.exec(`INSERT INTO main.${t} SELECT * FROM demo_stage.${t}`);
  } finally {
    db.exec('DETACH DATABASE demo_stage');
  }
}

/**
 * For `--demo N` hosts: fills the store in `dataDir` with N demo customers unless it already has
 * customers (then it is left alone and null returned). Progress goes to `onProgress`, by default
 * one stderr line per 10% — stdout belongs to the host.
 */
export function ensureDemoData(
  dataDir: string,
  customers: number,
  seed: number,
  options: { now?: number; onProgress?: (p: DemoProgress) => void } = {},
): DemoSummary | null {
  if (!Number.isSafeInteger(customers) || customers < 0) throw new Error(`demo: customers must be a whole number, got ${customers}`);
  if (customers === 0) return null;
  const db = openDatabase(dataDir);
  try {
    repairInterruptedDemo(db);
    if (hasCustomers(db)) return null;
    return generateDemo(db, { customers, seed, now: options.now ?? Date.now(), onProgress: options.onProgress ?? stderrProgress() });
  } finally {
    db.close();
  }
}

/** A progress reporter that writes a line to stderr at each phase and every 10% of customers. */
export function stderrProgress(prefix = 'kefu demo'): (p: DemoProgress) => void {
  let lastPhase = '';
  let lastTenth = -1;
  return (p) => {
    const tenth = p.total > 0 ? Math.floor((p.done / p.total) * 10) : 10;
    if (p.phase === lastPhase && tenth === lastTenth) return;
    if (p.phase !== 'customers' && p.phase === lastPhase && p.done < p.total) return;
    lastPhase = p.phase;
    lastTenth = tenth;
    process.stderr.write(`${prefix}: ${p.phase} ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}\n`);
  };
}
