import type { Database } from 'better-sqlite3';
import { SchedulingSettings } from '../../../shared/contract/callback-schemas';
import { DEFAULT_QUIET_HOURS, DEFAULT_RETRY_POLICY } from '../../../shared/domain/callback-rules';
import { setMeta } from '../session';
import { stmt } from '../store/statements';

/** seat_meta key of the seat's scheduling settings (JSON SchedulingSettings). */
export const SCHEDULING_SETTINGS_KEY = 'callbacks.settings';
export const DEFAULT_ESCALATE_AFTER_MINUTES = 30;

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = {
  quietHours: { ...DEFAULT_QUIET_HOURS },
  retry: {
    maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
    spacingMinutes: [...DEFAULT_RETRY_POLICY.spacingMinutes],
    giveUpAfterHours: DEFAULT_RETRY_POLICY.giveUpAfterHours,
  },
  escalateAfterMinutes: DEFAULT_ESCALATE_AFTER_MINUTES,
};

/** The stored settings, or the defaults when none are stored (or they no longer parse). */
export function loadSchedulingSettings(db: Database): SchedulingSettings {
  const raw = stmt<[string], { value: string }>(db, 'SELECT value FROM seat_meta WHERE key = ?').get(SCHEDULING_SETTINGS_KEY)?.value;
  if (!raw) return DEFAULT_SCHEDULING_SETTINGS;
  try {
    const parsed = SchedulingSettings.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the defaults
  }
  return DEFAULT_SCHEDULING_SETTINGS;
}

export function saveSchedulingSettings(db: Database, settings: SchedulingSettings): SchedulingSettings {
  setMeta(db, SCHEDULING_SETTINGS_KEY, JSON.stringify(settings));
  return settings;
}
