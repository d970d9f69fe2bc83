import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallboardAlertView, WallboardSettings } from '../../../shared/contract/wallboard-schemas';
import { SERVICE_LEVEL_DEFINITION_KEYS } from '../../../shared/domain/wallboard/service-level';
import { formatClock } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';

// Words and numbers of the wallboard: a percent, a duration, the service-level definition in the
// words of shared/domain/wallboard/service-level.ts, an alert's sentence.

/** A free-form i18n key from the contract (definitionKey, messageKey, report rows): looked up loosely. */
export type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function useWallboardText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tt = t as unknown as LooseT;
  const pct = useCallback((v: number | null) => (v === null ? '—' : `${fmt.number(v, 1)}%`), [fmt]);
  const secs = useCallback((v: number | null) => (v === null ? '—' : formatClock(v)), []);
  /** The definition sentence and the short-abandon line for these settings (definitionKey when the snapshot names one). */
  const definition = useCallback(
    (s: WallboardSettings, definitionKey?: string) => {
      const params = { thresholdS: s.serviceLevelThresholdS, targetPct: s.serviceLevelTargetPct, graceS: s.shortAbandonGraceS };
      const key = definitionKey ?? SERVICE_LEVEL_DEFINITION_KEYS[s.serviceLevelFormula];
      return {
        text: tt(key, params),
        shortAbandon: tt(s.shortAbandonGraceS > 0 ? 'wallboard.sl.shortAbandon.excluded' : 'wallboard.sl.shortAbandon.counted', params),
      };
    },
    [tt],
  );
  const alertText = useCallback(
    (a: WallboardAlertView) => {
      const scope =
        a.scope === null
          ? t('wallboard.alertScope.centre')
          : a.kind === 'branch_silent'
            ? t('wallboard.alertScope.branch', { name: a.scope })
            : t('wallboard.alertScope.queue', { name: a.scope });
      const value = fmt.number(a.value, a.kind === 'service_level' ? 1 : 0);
      const threshold = fmt.number(a.threshold, 1);
      const key = a.messageKey.startsWith('wallboard.alert.') ? a.messageKey : `wallboard.alert.${a.kind}`;
      return tt(key, { scope, value, threshold });
    },
    [t, tt, fmt],
  );
  return { t, tt, fmt, pct, secs, definition, alertText };
}
