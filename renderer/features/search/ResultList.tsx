import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../shared/contract/customer-schemas';
import { useAppStore } from '../../state/store-context';
import { TierBadge } from '../../ui/TierBadge';
import { optionId, RESULTS_ID } from './ids';
import { useResultKeys } from './use-result-keys';

const ROW_HEIGHT = 64;
const NO_ITEMS: CustomerSummary[] = [];

/**
 * Until the list has been laid out (and wherever there is no layout at all, like jsdom) its
 * measured size is 0×0, which would render no rows; assume a typical column instead.
 */
export const FALLBACK_RECT = { width: 360, height: 640 };

const observeRectWithFallback: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));

export function ResultList() {
  const { t } = useTranslation();
  const items = useAppStore((s) => s.results?.items ?? NO_ITEMS);
  const activeIndex = useAppStore((s) => s.activeIndex);
  const openId = useAppStore((s) => s.openId);
  const pending = useAppStore((s) => s.searchStatus === 'pending');
  const optionHighlighted = useAppStore((s) => s.optionHighlighted);
  const customerOpened = useAppStore((s) => s.customerOpened);
  const onResultKey = useResultKeys({ homeEnd: true });
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer: Virtualizer<HTMLDivElement, Element> = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]?.id ?? index,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRectWithFallback,
    overscan: 6,
  });

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < items.length) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, items.length, virtualizer]);

  const activeId = items[activeIndex]?.id;

  return (
    <div
      ref={scrollRef}
      id={RESULTS_ID}
      className="result-list"
      role="listbox"
      aria-label={t('search.resultsLabel')}
      aria-activedescendant={activeId ? optionId(activeId) : undefined}
      aria-busy={pending}
      tabIndex={0}
      onKeyDown={onResultKey}
    >
      <div role="presentation" className="result-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const c = items[row.index];
          if (!c) return null;
          const active = row.index === activeIndex;
          return (
            <div
              key={row.key}
              id={optionId(c.id)}
              role="option"
              aria-selected={active}
              aria-current={c.id === openId ? 'true' : undefined}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              className={`result-row${active ? ' is-active' : ''}${c.id === openId ? ' is-open' : ''}`}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onMouseMove={() => {
                if (!active) optionHighlighted(row.index);
              }}
              onClick={() => {
                optionHighlighted(row.index);
                void customerOpened(c.id);
              }}
            >
              <div className="result-line">
                <span className="result-name">{c.name}</span>
                <TierBadge tier={c.tier} />
                {c.kind === 'organisation' && <span className="badge">{t('enum.kind.organisation')}</span>}
              </div>
              <div className="result-line result-sub">
                <span className="result-phone">{c.phone ?? t('search.noPhone')}</span>
                {c.city && <span>{c.city}</span>}
                {c.memberNo && <span>{t('search.memberNo', { no: c.memberNo })}</span>}
                <span className="result-matched">
                  {t('search.matched', { field: t(`enum.field.${c.matchedField}`) })}
                </span>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
