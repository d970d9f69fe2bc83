import type { Database } from 'better-sqlite3';
import {
  CATEGORIES,
  type ComplaintFlowState,
  type Draft,
  isOneOf,
  isStepNumber,
  type ReopenEntry,
  SEVERITIES,
  type StartSource,
  type StepOutcome,
  type StepRecord,
  SUBCATEGORIES,
} from '../../../shared/domain/complaint-flow';
import { getComplaintRow, listStepRows, type ComplaintListRow, type StepRow } from '../store/complaints-repo';

/** A complaint as the flow sees it, plus the rows it came from (stepIds[seq] = complaint_steps.id). */
export interface LoadedComplaint {
  row: ComplaintListRow;
  steps: StepRow[];
  state: ComplaintFlowState;
  stepIds: string[];
}

const OUTCOMES = ['accepted', 'rejected', 'unsatisfied', 'satisfied'] as const;
const SOURCES = ['call', 'profile', 'search'] as const;

/** A JSON object from a text column; anything else (damaged, an array) reads as {}. */
export function parseObject(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function parseReopens(text: string): ReopenEntry[] {
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (e): e is ReopenEntry =>
        !!e && typeof e === 'object' && typeof (e as ReopenEntry).at === 'number' && typeof (e as ReopenEntry).reason === 'string',
    );
  } catch {
    return [];
  }
}

export function stepRecord(row: StepRow, seq: number): StepRecord {
  return {
    seq,
    step: isStepNumber(row.step) ? row.step : 1,
    round: row.round,
    state: row.state,
    outcome: isOneOf(OUTCOMES, row.outcome) ? (row.outcome as StepOutcome) : null,
    data: parseObject(row.data) as Draft,
    authorId: row.author_agent_id ?? '',
    contactId: row.contact_id,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    slaDueAt: row.sla_due_at,
    updatedAt: row.updated_at,
  };
}

export function flowState(row: ComplaintListRow, steps: readonly StepRow[]): ComplaintFlowState {
  return {
    status: row.status,
    currentStep: isStepNumber(row.current_step) ? row.current_step : 1,
    round: row.round,
    source: isOneOf(SOURCES, row.source) ? (row.source as StartSource) : 'call',
    firstContact: row.first_contact === 1,
    contactId: row.interaction_id,
    category: isOneOf(CATEGORIES, row.category) ? row.category : null,
    subcategory: isOneOf(SUBCATEGORIES, row.subcategory) ? row.subcategory : null,
    severity: isOneOf(SEVERITIES, row.severity) ? row.severity : null,
    firstContactResolution: row.first_contact_resolution === 1,
    reopenCount: row.reopen_count,
    escalated: row.escalated === 1,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    slaDueAt: row.sla_due_at,
    steps: steps.map(stepRecord),
    reopens: parseReopens(row.reopens),
  };
}

export function loadComplaint(db: Database, id: string): LoadedComplaint | undefined {
  const row = getComplaintRow(db, id);
  if (!row) return undefined;
  const steps = listStepRows(db, id);
  return { row, steps, state: flowState(row, steps), stepIds: steps.map((s) => s.id) };
}
