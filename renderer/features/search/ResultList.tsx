import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../shared/contract/customer-schemas';
import { useAppStore } from '../../state/store-context';
import { TierBadge } from '../../ui/TierBadge';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import { optionId, RESULTS_ID } from './ids';
import { useResultKeys } from './use-result-keys';

const ROW_HEIGHT = 64;
const NO_ITEMS: CustomerSummary[] = [];

export function ResultList() {
  const { t } = useTranslation();
  const items = useAppStore((s) => s.results?.items ?? NO_ITEMS);
  const activeIndex = useAppStore((s) => s.activeIndex);
  const openId = useAppStore((s) => s.openId);
  const pending = useAppStore((s) => s.searchStatus === 'pending');
  const optionHighlighted = useAppStore((s) => s.optionHighlighted);
  const customerOpened = useAppStore((s) => s.customerOpened);
  const onResultKey = useResultKeys({ homeEnd: true });
  const { scrollRef, virtualizer } = useVirtualRows(items, ROW_HEIGHT, activeIndex);

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
