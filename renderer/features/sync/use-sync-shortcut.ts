import { useEffect } from 'react';
import { useAppStoreApi } from '../../state/store-context';
import { hasModKey } from '../../ui/keys';

/** Ctrl/⌘+Shift+Y opens the Sync panel from anywhere (also from a field: it types nothing). */
export function useSyncShortcut() {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (!hasModKey(e) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== 'y') return;
      e.preventDefault();
      void store.getState().syncPanelOpened();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

export const SYNC_SHORTCUT = 'Shift+Y';
export const SYNC_ARIA_SHORTCUT = 'Control+Shift+Y Meta+Shift+Y';
