import { useTranslation } from 'react-i18next';
import type { CallCard } from '../../../shared/contract/call-schemas';
import { formatClock } from '../../i18n/format';
import { useNow } from './use-now';

/** Ringing for / talking for / talked for: ticks once a second while the call is live, in its own component so only it re-renders. */
export function CallClock({ card }: { card: CallCard }) {
  const { t } = useTranslation();
  const now = useNow(card.state !== 'ended');
  const end = card.endedAt ?? now;
  let text: string;
  if (card.state === 'ringing') text = t('call.clock.ringing', { time: formatClock((now - card.ringAt) / 1000) });
  else if (card.state === 'answered') text = t('call.clock.answered', { time: formatClock((now - (card.answeredAt ?? card.ringAt)) / 1000) });
  else if (card.answeredAt !== null) text = t('call.clock.ended', { time: formatClock((end - card.answeredAt) / 1000) });
  else text = t('call.clock.endedUnanswered', { time: formatClock((end - card.ringAt) / 1000) });
  return (
    <span className="call-clock" role="timer">
      {text}
    </span>
  );
}
