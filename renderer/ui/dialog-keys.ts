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
      const items = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
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
