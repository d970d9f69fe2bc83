import {
  type Category,
  type Channel,
  CATEGORIES,
  CHANNELS,
  isOneOf,
  MONEY_REMEDIES,
  type Remedy,
  REMEDIES,
  type RootCause,
  ROOT_CAUSES,
  type Severity,
  SEVERITIES,
  type StepNumber,
  type Subcategory,
  SUBCATEGORIES,
  subcategoryFits,
} from './types';

// The data of each step, as stored in complaint_steps.data (JSON). Drafts are partial.

export interface ListenData {
  /** The customer's own words, kept verbatim (never trimmed or rewritten). */
  customerWords: string;
  channel: Channel;
  category: Category;
  subcategory: Subcategory;
  severity: Severity;
  /** What the customer wants. */
  wants: string;
}

export interface ApologiseData {
  /** What was said (suggested phrasing, edited). */
  said: string;
  /** When it was said, epoch ms UTC. */
  at: number;
}

export interface AnalyseData {
  factsChecked: string;
  /** One of ROOT_CAUSES. */
  rootCause: RootCause;
  department: string;
  evidenceNotes?: string;
}

export interface SolveData {
  remedy: Remedy;
  /** Minor units (fen/cents), integer ≥ 0; required for money remedies. */
  amountCents?: number;
  /** ISO 4217, e.g. CNY; required whenever amountCents > 0 or the remedy is money. */
  currency?: string;
  /** Derived by the flow: amountCents > config.approvalThresholdCents. */
  approvalNeeded?: boolean;
  /** Set only by the `approve` event (never from form data). */
  approvedBy?: string;
  approvedAt?: number;
  customerAccepted: boolean;
}

export interface FollowUpData {
  /** The callback (reason complaint_follow_up) that carries the follow-up call. */
  callbackId: string;
  reached: boolean;
  /** Required when reached. */
  satisfied?: boolean;
  /** Unreached attempts so far (maintained by the flow). */
  attempts?: number;
  note?: string;
}

export interface ReflectData {
  lesson: string;
  preventiveAction: string;
  owner: string;
  /** When the preventive action is due, epoch ms UTC. */
  dueAt: number;
}

export interface StepDataMap {
  1: ListenData;
  2: ApologiseData;
  3: AnalyseData;
  4: SolveData;
  5: FollowUpData;
  6: ReflectData;
}
export type StepData = StepDataMap[StepNumber];

/** Field → i18n key of what is wrong with it. Empty object = valid. */
export type FieldErrors<T> = Partial<Record<Extract<keyof T, string>, string>>;

export interface ValidationOptions {
  /** Remedies with amountCents above this need a supervisor's approval. */
  approvalThresholdCents: number;
  /** Used to refuse an apology dated in the future (5 minutes of clock skew allowed). */
  now?: number;
}

/** A loosely typed draft as it comes from a form or from JSON. */
export type Draft = Readonly<Record<string, unknown>>;

const MAX_SKEW_MS = 5 * 60_000;

function filled(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}
function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

export function validateListen(d: Draft): FieldErrors<ListenData> {
  const e: FieldErrors<ListenData> = {};
  if (!filled(d.customerWords)) e.customerWords = 'complaint.listen.errors.customerWordsRequired';
  if (!isOneOf(CHANNELS, d.channel)) e.channel = 'complaint.listen.errors.channelRequired';
  if (!isOneOf(CATEGORIES, d.category)) e.category = 'complaint.listen.errors.categoryRequired';
  if (!isOneOf(SUBCATEGORIES, d.subcategory)) e.subcategory = 'complaint.listen.errors.subcategoryRequired';
  else if (isOneOf(CATEGORIES, d.category) && !subcategoryFits(d.category, d.subcategory)) {
    e.subcategory = 'complaint.listen.errors.subcategoryMismatch';
  }
  if (!isOneOf(SEVERITIES, d.severity)) e.severity = 'complaint.listen.errors.severityRequired';
  if (!filled(d.wants)) e.wants = 'complaint.listen.errors.wantsRequired';
  return e;
}

export function validateApologise(d: Draft, opts?: Pick<ValidationOptions, 'now'>): FieldErrors<ApologiseData> {
  const e: FieldErrors<ApologiseData> = {};
  if (!filled(d.said)) e.said = 'complaint.apologise.errors.saidRequired';
  if (!isTime(d.at)) e.at = 'complaint.apologise.errors.atRequired';
  else if (opts?.now !== undefined && d.at > opts.now + MAX_SKEW_MS) e.at = 'complaint.apologise.errors.atInFuture';
  return e;
}

export function validateAnalyse(d: Draft): FieldErrors<AnalyseData> {
  const e: FieldErrors<AnalyseData> = {};
  if (!filled(d.factsChecked)) e.factsChecked = 'complaint.analyse.errors.factsCheckedRequired';
  if (!isOneOf(ROOT_CAUSES, d.rootCause)) e.rootCause = 'complaint.analyse.errors.rootCauseRequired';
  if (!filled(d.department)) e.department = 'complaint.analyse.errors.departmentRequired';
  if (d.evidenceNotes !== undefined && typeof d.evidenceNotes !== 'string') {
    e.evidenceNotes = 'complaint.analyse.errors.evidenceNotesInvalid';
  }
  return e;
}

/** Whether a remedy of this amount needs a supervisor's approval (strictly above the threshold). */
export function approvalNeeded(amountCents: unknown, approvalThresholdCents: number): boolean {
  return typeof amountCents === 'number' && Number.isFinite(amountCents) && amountCents > approvalThresholdCents;
}

export function validateSolve(d: Draft, opts: ValidationOptions): FieldErrors<SolveData> {
  const e: FieldErrors<SolveData> = {};
  if (!isOneOf(REMEDIES, d.remedy)) e.remedy = 'complaint.solve.errors.remedyRequired';
  const money = isOneOf(REMEDIES, d.remedy) && MONEY_REMEDIES.includes(d.remedy);
  const amount = d.amountCents;
  if (amount === undefined || amount === null) {
    if (money) e.amountCents = 'complaint.solve.errors.amountRequired';
  } else if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    e.amountCents = 'complaint.solve.errors.amountInvalid';
  }
  const needsCurrency = money || (typeof amount === 'number' && amount > 0);
  if (d.currency !== undefined && d.currency !== null && (typeof d.currency !== 'string' || !/^[A-Z]{3}$/.test(d.currency))) {
    e.currency = 'complaint.solve.errors.currencyInvalid';
  } else if (needsCurrency && (d.currency === undefined || d.currency === null)) {
    e.currency = 'complaint.solve.errors.currencyRequired';
  }
  if (approvalNeeded(amount, opts.approvalThresholdCents) && !filled(d.approvedBy)) {
    e.approvedBy = 'complaint.solve.errors.approvalRequired';
  }
  if (typeof d.customerAccepted !== 'boolean') e.customerAccepted = 'complaint.solve.errors.customerAcceptedRequired';
  return e;
}

export function validateFollowUp(d: Draft): FieldErrors<FollowUpData> {
  const e: FieldErrors<FollowUpData> = {};
  if (!filled(d.callbackId)) e.callbackId = 'complaint.followUp.errors.callbackRequired';
  if (typeof d.reached !== 'boolean') e.reached = 'complaint.followUp.errors.reachedRequired';
  else if (d.reached && typeof d.satisfied !== 'boolean') e.satisfied = 'complaint.followUp.errors.satisfiedRequired';
  return e;
}

export function validateReflect(d: Draft): FieldErrors<ReflectData> {
  const e: FieldErrors<ReflectData> = {};
  if (!filled(d.lesson)) e.lesson = 'complaint.reflect.errors.lessonRequired';
  if (!filled(d.preventiveAction)) e.preventiveAction = 'complaint.reflect.errors.preventiveActionRequired';
  if (!filled(d.owner)) e.owner = 'complaint.reflect.errors.ownerRequired';
  if (!isTime(d.dueAt)) e.dueAt = 'complaint.reflect.errors.dueAtRequired';
  return e;
}

/** Validate any step's (merged) data; field → i18n key, empty when complete. */
export function validateStep(step: StepNumber, d: Draft, opts: ValidationOptions): Record<string, string> {
  switch (step) {
    case 1:
      return validateListen(d);
    case 2:
      return validateApologise(d, opts);
    case 3:
      return validateAnalyse(d);
    case 4:
      return validateSolve(d, opts);
    case 5:
      return validateFollowUp(d);
    case 6:
      return validateReflect(d);
  }
}

export function hasErrors(e: Readonly<Record<string, string | undefined>>): boolean {
  return Object.values(e).some((v) => v !== undefined);
}
