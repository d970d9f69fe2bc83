import type { SessionInfo, UiLocale } from '../../shared/contract/channels';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import type { SliceCreator } from './types';

export interface SessionSlice {
  session: SessionInfo | null;
  sessionStatus: 'idle' | 'loading' | 'ready' | 'error';
  sessionError: CallError | null;
  /** The UI language; the i18n provider follows it. */
  locale: UiLocale;
  /** Set when the chosen language could not be saved as the seat's default. */
  localeError: CallError | null;
  /** The browser host's link dropped: every call now fails until the page is opened again. */
  hostLost: boolean;

  /** The app is up: ask the core who is signed in and in which language, then which calls are on, how the PBX link is and how many callbacks are due. */
  appStarted(): Promise<void>;
  sessionArrived(session: SessionInfo): void;
  sessionFailed(error: CallError): void;
  /** The agent picked a UI language: switch now, then remember it in the core. */
  localeChosen(locale: UiLocale): Promise<void>;
  localeErrorDismissed(): void;
  hostDisconnected(): void;
  /** Open the page again (the host may be back; if it restarted, the start screen explains the new URL). */
  hostReconnectRequested(): void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, { api, options }) => ({
  session: null,
  sessionStatus: 'idle',
  sessionError: null,
  locale: 'zh-CN',
  localeError: null,
  hostLost: false,

  async appStarted() {
    set({ sessionStatus: 'loading', sessionError: null });
    const r = await callCore(api, 'session.get', {});
    if (!r.ok) {
      get().sessionFailed(r.error);
      return;
    }
    get().sessionArrived(r.value);
    await Promise.all([get().activeCallsRequested(), get().ctiStatusRequested(), get().callbacksStarted(), get().complaintsStarted(), get().syncStarted(), get().presenceStarted()]);
  },
  sessionArrived(session) {
    set({ session, sessionStatus: 'ready', sessionError: null, locale: session.locale });
  },
  sessionFailed(error) {
    set({ sessionStatus: 'error', sessionError: error });
  },
  async localeChosen(locale) {
    if (locale === get().locale) return;
    set({ locale, localeError: null });
    const r = await callCore(api, 'session.setLocale', { locale });
    // A later choice wins; only report a failure of the choice still on screen.
    if (!r.ok && get().locale === locale) set({ localeError: r.error });
  },
  localeErrorDismissed() {
    set({ localeError: null });
  },
  hostDisconnected() {
    set({ hostLost: true });
  },
  hostReconnectRequested() {
    options.reload();
  },
});
