import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/store-context';
import { CallCardView } from './CallCardView';

/**
 * At most this many cards are drawn (newest first, plus the focused one wherever it is), so a
 * seat flooded with calls (a PBX replaying, a load test) still paints a new card at once.
 */
export const MAX_VISIBLE_CARDS = 5;

/** The calls at the seat, above the profile: newest first, the focused one in full. */
export function CallPanel() {
  const { t } = useTranslation();
  const order = useAppStore((s) => s.callOrder);
  const focusedId = useAppStore((s) => s.focusedCallId);
  const [showAll, setShowAll] = useState(false);
  if (order.length === 0) return null;
  const newestFirst = [...order].reverse();
  let visible = newestFirst;
  if (!showAll && newestFirst.length > MAX_VISIBLE_CARDS) {
    visible = newestFirst.slice(0, MAX_VISIBLE_CARDS);
    if (focusedId && !visible.includes(focusedId)) visible = [...visible, focusedId];
  }
  const hidden = newestFirst.length - visible.length;
  return (
    <div className={`call-panel${order.length > 1 ? ' has-several' : ''}`}>
      {visible.map((id) => (
        <CallCardView key={id} callId={id} expanded={id === focusedId} />
      ))}
      {(hidden > 0 || showAll) && newestFirst.length > MAX_VISIBLE_CARDS && (
        <p className="call-more">
          {hidden > 0 && <span>{t('call.moreCalls', { n: hidden })}</span>}
          <button type="button" className="button button-quiet" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? t('call.showFewer') : t('call.showAll')}
          </button>
        </p>
      )}
    </div>
  );
}
