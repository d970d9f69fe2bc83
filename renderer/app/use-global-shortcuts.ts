import { useEffect, type RefObject } from 'react';
import { VIEWS, viewsFor } from '../state/nav-slice';
import { useAppStoreApi } from '../state/store-context';
import { hasModKey, isTypingTarget } from '../ui/keys';

/**
 * App-wide keys: Ctrl/⌘+K and "/" go to the search box (and back to the customers view);
 * Alt+1…6 switch view (Alt+6 看板 for supervisors and admins only); Alt+B break / back; Alt+C starts a complaint for the highlighted search result; E edits the open profile.
 * Single keys only act when the focus is not in a field, so they never eat typed text.
 */
export function useGlobalShortcuts(searchRef: RefObject<HTMLInputElement | null>) {
  const store = useAppStoreApi();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
        const view = VIEWS[Number(e.code.slice(5)) - 1];
        if (!view || !viewsFor(store.getState().session?.agent.role).includes(view)) return;
        e.preventDefault();
        store.getState().viewChanged(view);
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyB') {
        if (!store.getState().presence) return;
        e.preventDefault();
        void store.getState().presenceToggled();
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyC') {
        const s = store.getState();
        const hit = s.view === 'customers' ? s.results?.items[s.activeIndex] : undefined;
        if (!hit) return;
        e.preventDefault();
        void s.complaintStartRequested({ customerId: hit.id, source: 'search', interactionId: null, firstContact: false });
        return;
      }
      const focusSearch = () => {
        e.preventDefault();
        store.getState().viewChanged('customers');
        searchRef.current?.focus();
        searchRef.current?.select();
      };
      if (hasModKey(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') return focusSearch();
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === '/') return focusSearch();
      if (e.key === 'e' || e.key === 'E') {
        const { profile, edit, openId, editStarted } = store.getState();
        if (profile && profile.customer.id === openId && !edit) {
          e.preventDefault();
          void editStarted();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, searchRef]);
}
