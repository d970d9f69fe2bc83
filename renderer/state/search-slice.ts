import type { SearchResult } from '../../shared/contract/customer-schemas';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import type { SliceCreator } from './types';

export const MAX_QUERY_LENGTH = 100;

export interface SearchSlice {
  /** What is in the search box right now. */
  query: string;
  /** The answer to the newest query sent (kept on screen while the next one is pending). */
  results: SearchResult | null;
  searchStatus: 'idle' | 'pending' | 'done' | 'error';
  searchError: CallError | null;
  /** Highlighted row of the result list, -1 when there is none. */
  activeIndex: number;

  queryChanged(query: string): void;
  /** An answer arrived; ignored unless it answers the newest request. */
  resultsArrived(requestId: number, result: SearchResult): void;
  searchFailed(requestId: number, error: CallError): void;
  /** Something changed behind the list (e.g. a customer was edited): ask again now. */
  searchRefreshRequested(): void;
  highlightMoved(step: number): void;
  optionHighlighted(index: number): void;
  /**
   * Enter on the list: opens the highlighted customer. Typed-then-Enter faster than the search
   * answers opens the first match of the new answer, never a row left over from the old query.
   */
  resultChosen(): void;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get, { api, options, onDispose }) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Id of the newest request; answers to older ones are stale. */
  let latestRequest = 0;
  /** Enter was pressed while the answer for the current query was still on its way. */
  let openOnArrival = false;

  const cancelPending = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  onDispose(cancelPending);

  const send = (query: string) => {
    timer = undefined;
    const requestId = ++latestRequest;
    void callCore(api, 'customers.search', { query, limit: options.searchLimit }).then((r) => {
      if (r.ok) get().resultsArrived(requestId, r.value);
      else get().searchFailed(requestId, r.error);
    });
  };

  return {
    query: '',
    results: null,
    searchStatus: 'idle',
    searchError: null,
    activeIndex: -1,

    queryChanged(raw) {
      const query = raw.slice(0, MAX_QUERY_LENGTH);
      set({ query });
      cancelPending();
      openOnArrival = false;
      const trimmed = query.trim();
      if (trimmed === '') {
        latestRequest++; // whatever is still in flight is now stale
        set({ results: null, searchStatus: 'idle', searchError: null, activeIndex: -1 });
        return;
      }
      set({ searchStatus: 'pending' });
      timer = setTimeout(() => send(trimmed), options.searchDebounceMs);
    },

    resultsArrived(requestId, result) {
      if (requestId !== latestRequest) return;
      const { results, activeIndex } = get();
      // Keep the highlight on the same customer when they are still in the list.
      const highlightedId = results?.items[activeIndex]?.id;
      const kept = highlightedId ? result.items.findIndex((c) => c.id === highlightedId) : -1;
      const nextActive = kept >= 0 ? kept : result.items.length > 0 ? 0 : -1;
      set({ results: result, searchStatus: 'done', searchError: null, activeIndex: nextActive });
      if (openOnArrival) {
        openOnArrival = false;
        const chosen = result.items[nextActive];
        if (chosen) void get().customerOpened(chosen.id);
      }
    },

    searchFailed(requestId, error) {
      if (requestId !== latestRequest) return;
      openOnArrival = false;
      set({ searchStatus: 'error', searchError: error });
    },

    searchRefreshRequested() {
      const trimmed = get().query.trim();
      if (trimmed === '') return;
      cancelPending();
      send(trimmed);
    },

    highlightMoved(step) {
      const count = get().results?.items.length ?? 0;
      if (count === 0) return;
      const from = get().activeIndex;
      const next = from < 0 ? (step > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, from + step));
      set({ activeIndex: next });
    },

    optionHighlighted(index) {
      const count = get().results?.items.length ?? 0;
      if (index >= 0 && index < count) set({ activeIndex: index });
    },

    resultChosen() {
      const { searchStatus, results, activeIndex } = get();
      if (searchStatus === 'pending') {
        openOnArrival = true;
        return;
      }
      const chosen = results?.items[activeIndex];
      if (chosen) void get().customerOpened(chosen.id);
    },
  };
};
