import { useEffect } from 'react';
import { canDismiss, dispositionForKey, needsWrapUp } from '../../state/call-rules';
import { useAppStoreApi } from '../../state/store-context';
import { hasModKey, isTypingTarget } from '../../ui/keys';
import { summaryInputIdOf } from './ids';

/**
 * The card's keys, acting on the focused call wherever the keyboard is (but never while typing):
 * A focus the card · P open the caller's profile · C new complaint · B schedule a callback ·
 * Esc close the card when the call is over · 1–9 pick a wrap-up code (then on to the summary).
 * Ctrl/⌘+Shift+S opens the simulator.
 */
export function useCallShortcuts() {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (hasModKey(e) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        store.getState().simulatorToggled();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return;
      const s = store.getState();
      const callId = s.focusedCallId;
      const card = callId ? s.calls[callId] : undefined;
      if (!callId || !card) return;

      if (e.key === 'Escape') {
        if (!canDismiss(card)) return;
        e.preventDefault();
        s.dismissRequested(callId);
        return;
      }
      const disposition = needsWrapUp(card) ? dispositionForKey(e.key) : null;
      if (disposition) {
        e.preventDefault();
        s.wrapUpEdited(callId, { disposition });
        document.getElementById(summaryInputIdOf(callId))?.focus();
        return;
      }
      switch (e.key) {
        case 'a':
        case 'A':
          s.answerFocusRequested();
          break;
        case 'p':
        case 'P':
          if (card.match.kind !== 'customer') return;
          void s.customerOpened(card.match.customer.id);
          break;
        case 'c':
        case 'C':
          s.complaintRequested(callId);
          break;
        case 'b':
        case 'B':
          s.callbackRequested(callId);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
