import type { KeyboardEvent, RefObject } from 'react';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog's keys: Escape closes it (not while an IME is composing Chinese), Tab and
 * Shift+Tab stay inside it.
 */
export function dialogKeyHandler(dialogRef: RefObject<HTMLElement | null>, onClose: () => void) {
  return (ev: KeyboardEvent<HTMLElement>) => {
    if (ev.nativeEvent.isComposing) return;
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      onClose();
    } else if (ev.key === 'Tab') {
      // In document order (jsdom's selector engine lists a selector list group by group).
      const items = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].sort((a, b) =>
        a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
      );
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (ev.shiftKey && document.activeElement === first) {
        ev.preventDefault();
        last.focus();
      } else if (!ev.shiftKey && document.activeElement === last) {
        ev.preventDefault();
        first.focus();
      }
    }
  };
}
