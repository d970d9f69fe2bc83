import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_QUERY_LENGTH } from '../../state/search-slice';
import { useAppStore } from '../../state/store-context';
import { modKeyLabel } from '../../ui/keys';
import { optionId, RESULTS_ID, SEARCH_INPUT_ID } from './ids';
import { useResultKeys } from './use-result-keys';

/** The search box in the top bar: a combobox whose list is the result column on the left. */
export function SearchBox({ inputRef }: { inputRef?: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const query = useAppStore((s) => s.query);
  const queryChanged = useAppStore((s) => s.queryChanged);
  const viewChanged = useAppStore((s) => s.viewChanged);
  const hasResults = useAppStore((s) => (s.results?.items.length ?? 0) > 0);
  const activeId = useAppStore((s) => s.results?.items[s.activeIndex]?.id ?? null);
  const onResultKey = useResultKeys({ homeEnd: false });
  const shortcut = t('search.shortcut', { keys: modKeyLabel('K') });

  return (
    <div className="search-box" role="search">
      <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={SEARCH_INPUT_ID}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={hasResults}
        aria-controls={RESULTS_ID}
        aria-activedescendant={activeId ? optionId(activeId) : undefined}
        aria-keyshortcuts="Control+K Meta+K /"
        autoComplete="off"
        spellCheck={false}
        autoFocus
        maxLength={MAX_QUERY_LENGTH}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          viewChanged('customers'); // the results live in the customers view
          queryChanged(e.target.value);
        }}
        onKeyDown={(e) => {
          if (onResultKey(e)) return;
          if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            queryChanged('');
          }
        }}
      />
      <kbd className="search-shortcut" aria-hidden="true">
        {shortcut}
      </kbd>
    </div>
  );
}
