import type { Database } from 'better-sqlite3';
import { ComplaintSettings } from '../../../shared/contract/complaint-schemas';
import { DEFAULT_COMPLAINT_FLOW_CONFIG, type ComplaintFlowConfig } from '../../../shared/domain/complaint-flow';
import { setMeta } from '../session';
import { stmt } from '../store/statements';

/** seat_meta key of the seat's complaint settings (JSON ComplaintSettings). */
export const COMPLAINT_SETTINGS_KEY = 'complaints.settings';
export const DEFAULT_CURRENCY = 'CNY';

type StepHours = ComplaintSettings['sla']['low'];
const hours = (h: readonly number[]): StepHours => [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!];

export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettings = {
  sla: {
    low: hours(DEFAULT_COMPLAINT_FLOW_CONFIG.sla.low),
    medium: hours(DEFAULT_COMPLAINT_FLOW_CONFIG.sla.medium),
    high: hours(DEFAULT_COMPLAINT_FLOW_CONFIG.sla.high),
    critical: hours(DEFAULT_COMPLAINT_FLOW_CONFIG.sla.critical),
  },
  approvalThresholdCents: DEFAULT_COMPLAINT_FLOW_CONFIG.approvalThresholdCents,
  defaultCurrency: DEFAULT_CURRENCY,
};

/** The stored settings, or the defaults when none are stored (or they no longer parse). */
export function loadComplaintSettings(db: Database): ComplaintSettings {
  const raw = stmt<[string], { value: string }>(db, 'SELECT value FROM seat_meta WHERE key = ?').get(COMPLAINT_SETTINGS_KEY)?.value;
  if (!raw) return DEFAULT_COMPLAINT_SETTINGS;
  try {
    const parsed = ComplaintSettings.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the defaults
  }
  return DEFAULT_COMPLAINT_SETTINGS;
}

export function saveComplaintSettings(db: Database, settings: ComplaintSettings): ComplaintSettings {
  setMeta(db, COMPLAINT_SETTINGS_KEY, JSON.stringify(settings));
  return settings;
}

/** What the pure flow is given: SLA hours and approval threshold from the settings. */
export function flowConfig(db: Database): ComplaintFlowConfig {
  const s = loadComplaintSettings(db);
  return { sla: s.sla, approvalThresholdCents: s.approvalThresholdCents, defaultSeverity: DEFAULT_COMPLAINT_FLOW_CONFIG.defaultSeverity };
}
