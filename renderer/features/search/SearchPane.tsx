import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { ResultList } from './ResultList';

/** Left column: what the search found, or why it found nothing. */
export function SearchPane() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const errorText = useErrorText();
  const hasQuery = useAppStore((s) => s.query.trim() !== '');
  const status = useAppStore((s) => s.searchStatus);
  const error = useAppStore((s) => s.searchError);
  const results = useAppStore((s) => s.results);
  const count = results?.items.length ?? 0;
  const highlighted = useAppStore((s) => (s.results && s.activeIndex >= 0 ? (s.results.items[s.activeIndex] ?? null) : null));
  const complaintStartRequested = useAppStore((s) => s.complaintStartRequested);

  return (
    <section className="search-pane" aria-labelledby="search-pane-title">
      <h2 id="search-pane-title" className="visually-hidden">
        {t('search.resultsLabel')}
      </h2>
      <div className="search-meta" aria-live="polite">
        {status === 'pending' ? (
          <span>{t('search.searching')}</span>
        ) : results && hasQuery ? (
          <>
            <span>{t(results.more ? 'search.summaryMore' : 'search.summary', { n: fmt.number(count) })}</span>
            <span className="search-took">{t('search.took', { ms: fmt.number(results.tookMs, 1) })}</span>
          </>
        ) : null}
      </div>
      {error && status === 'error' && (
        <p className="message message-error" role="alert">
          {t('search.failed', { message: errorText(error) })}
        </p>
      )}
      {!hasQuery && (
        <div className="empty-state">
          <h3>{t('search.idleTitle')}</h3>
          <p>{t('search.idleHint')}</p>
        </div>
      )}
      {hasQuery && results && count === 0 && status !== 'pending' && (
        <div className="empty-state">
          <h3>{t('search.emptyTitle', { query: results.query })}</h3>
          <p>{t('search.emptyHint')}</p>
        </div>
      )}
      {hasQuery && count > 0 && highlighted && (
        <div className="search-actions">
          <button
            type="button"
            className="button button-quiet"
            aria-keyshortcuts="Alt+C"
            title="Alt+C"
            onClick={() => void complaintStartRequested({ customerId: highlighted.id, source: 'search', interactionId: null, firstContact: false })}
          >
            {t('complaint.start.fromSearch', { name: highlighted.name })} <kbd>Alt+C</kbd>
          </button>
        </div>
      )}
      {hasQuery && count > 0 && <ResultList />}
      {hasQuery && results?.more && <p className="search-more">{t('search.more')}</p>}
    </section>
  );
}
