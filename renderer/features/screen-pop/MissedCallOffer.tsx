import { useTranslation } from 'react-i18next';
import type { CallCard } from '../../../shared/contract/call-schemas';
import { useAppStore } from '../../state/store-context';

/** A call that hung up while ringing offers a callback; once accepted the card says it is scheduled. */
export function MissedCallOffer({ card }: { card: CallCard }) {
  const { t } = useTranslation();
  const pending = useAppStore((s) => s.callPending[card.callId]?.callback === true);
  const callbackOfferAccepted = useAppStore((s) => s.callbackOfferAccepted);
  if (card.callbackId !== null) {
    return (
      <p className="message call-callback-scheduled" role="status">
        <span aria-hidden="true">✓ </span>
        {t('call.missedCall.scheduled')}
      </p>
    );
  }
  return (
    <div className="message message-warning call-missed-offer">
      <p>{t('call.missedCall.offer')}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={pending}
        aria-keyshortcuts="B"
        onClick={() => void callbackOfferAccepted(card.callId)}
      >
        {pending ? t('call.missedCall.accepting') : t('call.missedCall.accept')}
        <kbd aria-hidden="true">B</kbd>
      </button>
    </div>
  );
}
