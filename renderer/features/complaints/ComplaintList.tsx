import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { useAppStore } from '../../state/store-context';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import { complaintStepKey } from '../screen-pop/complaint-steps';

const ROW_HEIGHT = 76;

const rowId = (id: string) => `complaint-row-${id}`;

/** The complaints of the chosen list, virtualised; arrows move, Enter opens. */
export function ComplaintList({ label }: { label: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const items = useAppStore((s) => s.complaintItems);
  const selectedId = useAppStore((s) => s.selectedComplaintId);
  const openId = useAppStore((s) => s.complaintWizard?.id ?? null);
  const selected = useAppStore((s) => s.complaintSelected);
  const moved = useAppStore((s) => s.complaintSelectionMoved);
  const opened = useAppStore((s) => s.complaintOpened);
  const activeIndex = items.findIndex((i) => i.id === selectedId);
  const { scrollRef, virtualizer } = useVirtualRows(items, ROW_HEIGHT, activeIndex);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
    const page = 6;
    switch (e.key) {
      case 'ArrowDown':
        moved(1);
        break;
      case 'ArrowUp':
        moved(-1);
        break;
      case 'PageDown':
        moved(page);
        break;
      case 'PageUp':
        moved(-page);
        break;
      case 'Home':
        moved(-items.length);
        break;
      case 'End':
        moved(items.length);
        break;
      case 'Enter':
        if (selectedId) void opened(selectedId);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      className="complaint-list result-list"
      role="listbox"
      aria-label={label}
      aria-activedescendant={selectedId ? rowId(selectedId) : undefined}
      aria-describedby="complaint-list-hint"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <span id="complaint-list-hint" className="visually-hidden">
        {t('complaint.list.openHint')}
      </span>
      <div role="presentation" className="result-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const c = items[row.index];
          if (!c) return null;
          const active = c.id === selectedId;
          const step = t(`enum.complaintStep.${complaintStepKey(c.currentStep)}`);
          return (
            <div
              key={row.key}
              id={rowId(c.id)}
              role="option"
              aria-selected={active}
              aria-current={c.id === openId ? 'true' : undefined}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              className={`result-row complaint-row${active ? ' is-active' : ''}${c.id === openId ? ' is-open' : ''}`}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onClick={() => {
                selected(c.id);
                void opened(c.id);
              }}
            >
              <div className="result-line">
                <span className="result-name">{c.customerName}</span>
                <span className={`badge sla-badge sla-${c.slaState}`}>{t(`enum.slaState.${c.slaState}`)}</span>
                {c.awaitingApproval && <span className="badge">{t('complaint.list.awaitingApproval')}</span>}
                {c.escalated && <span className="badge">{t('complaint.list.escalated')}</span>}
              </div>
              <div className="result-line result-sub">
                <span>{t('complaint.list.stepOf', { n: c.currentStep, name: step })}</span>
                {c.category && <span>{t(`complaint.category.${c.category}`)}</span>}
                {c.severity && <span>{t(`complaint.severity.${c.severity}`)}</span>}
                {c.slaDueAt !== null && <span>{t('complaint.list.dueAt', { time: fmt.dateTime(c.slaDueAt) })}</span>}
                {c.ownerAgentName && <span>{t('complaint.list.owner', { name: c.ownerAgentName })}</span>}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
