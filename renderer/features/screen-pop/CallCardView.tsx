import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallCard } from '../../../shared/contract/call-schemas';
import { salutation } from '../../../shared/domain/salutation';
import { formatClock } from '../../i18n/format';
import { canDismiss, canMarkState, needsWrapUp } from '../../state/call-rules';
import { useAppStore } from '../../state/store-context';
import { isTypingTarget } from '../../ui/keys';
import { useErrorText } from '../../ui/messages';
import { TierBadge } from '../../ui/TierBadge';
import { SEARCH_INPUT_ID } from '../search/ids';
import { CallClock } from './CallClock';
import { CallCustomerDetails, CallCustomerFacts } from './CallCustomer';
import { callerRegionText, salutationLocaleOf } from './caller-region';
import { CandidateChooser } from './CandidateChooser';
import { CARD_SELECTOR, cardTitleIdOf, domIdOf, FOCUS_TARGET_SELECTOR } from './ids';
import { MissedCallOffer } from './MissedCallOffer';
import { UnknownCaller } from './UnknownCaller';
import { WrapUpPanel } from './WrapUpPanel';

/**
 * Whether a card may take the keyboard without being asked: only when the agent is not busy —
 * nothing focused, the empty search box, or a button on the call cards; never while typing.
 */
function agentIsIdle(card: HTMLElement): boolean {
  const active = document.activeElement;
  if (!active || active === document.body) return true;
  if (active instanceof HTMLInputElement && active.id === SEARCH_INPUT_ID) return active.value === '';
  if (isTypingTarget(active)) return false;
  return card.contains(active) || active.closest(CARD_SELECTOR) !== null;
}

function CallTitle({ card }: { card: CallCard }) {
  const { t, i18n } = useTranslation();
  const m = card.match;
  if (m.kind === 'customer') {
    const c = m.customer;
    const greeting = salutation(c.name, c.gender, c.kind, salutationLocaleOf(c.language, i18n.language));
    return (
      <div className="call-title-row">
        <h2 id={cardTitleIdOf(card.callId)} className="call-title">
          {greeting}
        </h2>
        {greeting !== c.name && <span className="call-name">{c.name}</span>}
        <TierBadge tier={c.tier} />
        {c.vip && <span className="badge badge-vip">{t('call.customer.vip')}</span>}
      </div>
    );
  }
  return (
    <div className="call-title-row">
      <h2 id={cardTitleIdOf(card.callId)} className="call-title">
        {m.kind === 'choose' ? t('call.choose.title') : t('call.unknown.title')}
      </h2>
    </div>
  );
}

function CallMeta({ card }: { card: CallCard }) {
  const { t, i18n } = useTranslation();
  const line = card.lineName ?? card.dnis;
  return (
    <dl className="call-meta">
      <div className="fact-inline">
        <dt>{t('call.number')}</dt>
        <dd>
          <span className="call-number">{card.caller.display}</span>{' '}
          <span className="muted">{callerRegionText(t, card.caller, i18n.language)}</span>
        </dd>
      </div>
      {line && (
        <div className="fact-inline">
          <dt>{t('call.dialled')}</dt>
          <dd>
            <span className="call-line">{line}</span>
            {card.lineName && card.dnis && <span className="muted"> · {card.dnis}</span>}
          </dd>
        </div>
      )}
      {(card.queue || card.waitS !== null) && (
        <div className="fact-inline">
          <dt>{t('call.queue')}</dt>
          <dd>
            {card.queue}
            {card.queue && card.waitS !== null && ' · '}
            {card.waitS !== null && <span className="muted">{t('call.waited', { time: formatClock(card.waitS) })}</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}

function CallStateMarks({ card }: { card: CallCard }) {
  const { t } = useTranslation();
  const pending = useAppStore((s) => s.callPending[card.callId]?.setState === true);
  const callStateMarked = useAppStore((s) => s.callStateMarked);
  if (!canMarkState(card) || card.state === 'ended') return null;
  return (
    <div className="call-marks" title={t('call.markHint')}>
      {card.state === 'ringing' && (
        <button type="button" className="button button-ok" disabled={pending} onClick={() => void callStateMarked(card.callId, 'answered')}>
          {t('call.answer')}
        </button>
      )}
      <button type="button" className="button button-danger" disabled={pending} onClick={() => void callStateMarked(card.callId, 'ended')}>
        {t('call.hangUp')}
      </button>
    </div>
  );
}

function CardKeys({ card }: { card: CallCard }) {
  const { t } = useTranslation();
  const customerOpened = useAppStore((s) => s.customerOpened);
  const complaintRequested = useAppStore((s) => s.complaintRequested);
  const callbackRequested = useAppStore((s) => s.callbackRequested);
  const dismissRequested = useAppStore((s) => s.dismissRequested);
  const customerId = card.match.kind === 'customer' ? card.match.customer.id : null;
  return (
    <div className="call-keys" role="group" aria-label={t('call.shortcuts.label')}>
      <span className="call-key-hint">
        <kbd>A</kbd> {t('call.shortcuts.focus')}
      </span>
      <button type="button" className="button button-quiet" aria-keyshortcuts="P" disabled={!customerId} onClick={() => customerId && void customerOpened(customerId)}>
        <kbd aria-hidden="true">P</kbd> {t('call.shortcuts.profile')}
      </button>
      <button type="button" className="button button-quiet" aria-keyshortcuts="C" onClick={() => complaintRequested(card.callId)}>
        <kbd aria-hidden="true">C</kbd> {t('call.shortcuts.complaint')}
      </button>
      <button type="button" className="button button-quiet" aria-keyshortcuts="B" onClick={() => callbackRequested(card.callId)}>
        <kbd aria-hidden="true">B</kbd> {t('call.shortcuts.callback')}
      </button>
      <button type="button" className="button button-quiet" aria-keyshortcuts="Escape" disabled={!canDismiss(card)} onClick={() => dismissRequested(card.callId)}>
        <kbd aria-hidden="true">Esc</kbd> {t('call.shortcuts.dismiss')}
      </button>
    </div>
  );
}

function DismissConfirm({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const dismissConfirmed = useAppStore((s) => s.dismissConfirmed);
  const dismissDeclined = useAppStore((s) => s.dismissDeclined);
  const keepRef = useRef<HTMLButtonElement>(null);
  const textId = `call-${domIdOf(callId)}-confirm`;
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={textId}>
      <p id={textId}>{t('call.dismiss.confirm')}</p>
      <button type="button" className="button button-danger" onClick={() => void dismissConfirmed(callId)}>
        {t('call.dismiss.confirmYes')}
      </button>
      <button type="button" className="button" ref={keepRef} onClick={dismissDeclined}>
        {t('call.dismiss.keep')}
      </button>
    </div>
  );
}

function CallBody({ card }: { card: CallCard }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const notice = useAppStore((s) => (s.callNotice?.callId === card.callId ? s.callNotice : null));
  const error = useAppStore((s) => s.callErrors[card.callId] ?? null);
  const confirming = useAppStore((s) => s.confirmDismissId === card.callId);
  const m = card.match;
  return (
    <div className="call-body">
      <CardKeys card={card} />
      <div className="call-notice" role="status">
        {notice ? t(notice.key) : null}
      </div>
      {error && (
        <p className="message message-error" role="alert">
          {t('call.failed', { message: errorText(error) })}
        </p>
      )}
      {confirming && <DismissConfirm callId={card.callId} />}
      {card.missed && <MissedCallOffer card={card} />}
      {needsWrapUp(card) && <WrapUpPanel callId={card.callId} />}
      {card.wrappedUp && <p className="call-done">{t('call.wrapUp.done')}</p>}
      {m.kind === 'customer' && (
        <>
          <CallCustomerFacts customer={m.customer} />
          <CallCustomerDetails customer={m.customer} />
        </>
      )}
      {m.kind === 'choose' && <CandidateChooser callId={card.callId} candidates={m.candidates} />}
      {m.kind === 'unknown' && <UnknownCaller callId={card.callId} earlierCalls={m.earlierCalls} />}
    </div>
  );
}

/**
 * One call. Painted straight from the event payload: nothing is fetched and nothing heavy is
 * computed on ring. The focused call is shown in full, the others as their header.
 */
export const CallCardView = memo(function CallCardView({ callId, expanded }: { callId: string; expanded: boolean }) {
  const { t } = useTranslation();
  const card = useAppStore((s) => s.calls[callId]);
  const focusRequest = useAppStore((s) => (s.focusRequest?.callId === callId ? s.focusRequest : null));
  const callFocused = useAppStore((s) => s.callFocused);
  const rootRef = useRef<HTMLElement>(null);
  const handledSeq = useRef(0);

  useEffect(() => {
    const root = rootRef.current;
    if (!focusRequest || !expanded || !root || focusRequest.seq === handledSeq.current) return;
    handledSeq.current = focusRequest.seq;
    if (!focusRequest.force && !agentIsIdle(root)) return;
    (root.querySelector<HTMLElement>(FOCUS_TARGET_SELECTOR) ?? root).focus();
  });

  if (!card) return null;
  const label = t(card.missed ? 'call.regionLabelMissed' : 'call.regionLabel', { number: card.caller.display });
  const stateText = card.missed ? t('call.missed') : t(`enum.callState.${card.state}`);
  return (
    <section
      ref={rootRef}
      role="region"
      aria-label={label}
      aria-describedby={cardTitleIdOf(callId)}
      tabIndex={-1}
      data-testid="call-card"
      data-call-id={card.callId}
      data-state={card.state}
      className={`call-card call-${card.state}${card.missed ? ' is-missed' : ''}${expanded ? ' is-focused' : ' is-compact'}`}
    >
      <header className="call-head">
        <div className="call-head-top">
          <span className={`badge call-state call-state-${card.missed ? 'missed' : card.state}`}>{stateText}</span>
          <CallClock card={card} />
          {!expanded && needsWrapUp(card) && <span className="badge call-pending-wrapup">{t('call.wrapUp.pending')}</span>}
          <span className="muted small call-source">{t('call.source', { source: t(`enum.callSource.${card.source}`) })}</span>
          {expanded ? (
            <CallStateMarks card={card} />
          ) : (
            <button type="button" className="button call-switch" onClick={() => callFocused(callId)}>
              {t('call.switchTo')}
            </button>
          )}
        </div>
        <CallTitle card={card} />
        <CallMeta card={card} />
      </header>
      {expanded && <CallBody card={card} />}
    </section>
  );
});
