import { useCallback, type KeyboardEvent } from 'react';
import { useAppStore } from '../../state/store-context';

const PAGE = 8;

/**
 * Keys that move through and open the results; shared by the search box (a combobox that keeps
 * focus while the highlight moves) and the list itself. Returns true when it handled the key.
 */
export function useResultKeys(options: { homeEnd: boolean }) {
  const highlightMoved = useAppStore((s) => s.highlightMoved);
  const optionHighlighted = useAppStore((s) => s.optionHighlighted);
  const resultChosen = useAppStore((s) => s.resultChosen);
  const count = useAppStore((s) => s.results?.items.length ?? 0);
  const { homeEnd } = options;

  return useCallback(
    (e: KeyboardEvent): boolean => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return false;
      switch (e.key) {
        case 'ArrowDown':
          highlightMoved(1);
          break;
        case 'ArrowUp':
          highlightMoved(-1);
          break;
        case 'PageDown':
          highlightMoved(PAGE);
          break;
        case 'PageUp':
          highlightMoved(-PAGE);
          break;
        case 'Home':
          if (!homeEnd) return false;
          optionHighlighted(0);
          break;
        case 'End':
          if (!homeEnd) return false;
          optionHighlighted(count - 1);
          break;
        case 'Enter':
          resultChosen();
          break;
        default:
          return false;
      }
      e.preventDefault();
      return true;
    },
    [highlightMoved, optionHighlighted, resultChosen, count, homeEnd],
  );
}
