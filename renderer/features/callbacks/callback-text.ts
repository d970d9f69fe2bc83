import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackView } from '../../../shared/contract/callback-schemas';
import { isValidZone, localTimeLabel } from '../../../shared/domain/callback-rules';
import { isUiLocale } from '../../i18n';
import { useFormat } from '../../i18n/use-format';

/** The customer's local clock for an instant ('09:30 EST (UTC-05:00)'), or '' for a zone this runtime does not know. */
export function customerTime(at: number, zone: string, language: string): string {
  if (!isValidZone(zone)) return '';
  return localTimeLabel(at, zone, isUiLocale(language) ? language : 'zh-CN');
}

/** A callback's window in the agent's time, with the customer's local start beside it. */
export function useWindowText() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  return useCallback(
    (cb: Pick<CallbackView, 'windowStart' | 'windowEnd' | 'timeZone'>) => {
      const window = t('callbacks.window', { start: f.dateTime(cb.windowStart), end: f.dateTime(cb.windowEnd) });
      const local = customerTime(cb.windowStart, cb.timeZone, i18n.language);
      return local ? `${window} · ${t('callbacks.customerLocal', { time: local })}` : window;
    },
    [t, f, i18n.language],
  );
}

/** Who works it: an agent's name, a team's queue, or nobody yet. */
export function useAssigneeText() {
  const { t } = useTranslation();
  return useCallback(
    (cb: CallbackView) =>
      cb.assigneeAgentName ?? (cb.assigneeTeamName ? t('callbacks.teamQueue', { team: cb.assigneeTeamName }) : t('callbacks.unassigned')),
    [t],
  );
}
