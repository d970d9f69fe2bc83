import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract/channels';
import type { Result } from '../../shared/contract/result';
import type { Core } from '../core/create-core';
import { isAppUrl } from '../shell/app-origin';

// The Electron transport: one ipcMain.handle per contract channel, core events forwarded to our
// windows. No 'electron' value import and no app-level side effects, so it runs against a mock.

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type IpcCore = Pick<Core, 'invoke' | 'subscribe'>;
/** Decides whether a (top, app://kefu) frame belongs to one of our windows. */
export type TrustedSenderCheck = (frame: WebFrameMain, event: IpcMainInvokeEvent) => boolean;
export type IpcEventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

export interface IpcTransportOptions {
  /** Where core events go: the webContents of our windows (never devtools or anything else). */
  eventTargets: () => Iterable<IpcEventTarget>;
  log?: (message: string, err?: unknown) => void;
}

/** The channel an event travels on, renderer side: `event:customer.changed`. */
export const eventChannel = (name: string): string => `event:${name}`;

export const forbiddenSender = (): Result<never> => ({
  ok: false,
  error: { code: 'forbidden', message: 'errors.forbiddenSender' },
});

function senderFrameOf(event: IpcMainInvokeEvent): WebFrameMain | null {
  try {
    return event.senderFrame ?? null;
  } catch {
    // Reading senderFrame of a frame that navigated away or died may throw.
    return null;
  }
}

/**
 * The sender must be a live top-level frame showing app://kefu/… and, per `isTrustedSender`,
 * the main frame of one of our windows. A subframe, another origin or no frame is refused.
 */
export function isAllowedSender(event: IpcMainInvokeEvent, isTrustedSender: TrustedSenderCheck): boolean {
  const frame = senderFrameOf(event);
  if (!frame) return false;
  try {
    if (frame.detached) return false;
    if (frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    return isTrustedSender(frame, event) === true;
  } catch {
    return false;
  }
}

interface WindowLike {
  isDestroyed(): boolean;
  webContents: Pick<WebContents, 'id' | 'isDestroyed'> & { mainFrame: Pick<WebFrameMain, 'processId' | 'frameTreeNodeId'> };
}

/**
 * `isTrustedSender` for main.ts: the message came from one of `windows()` and from its main
 * frame. Wrappers are not guaranteed to be the same JS objects, so webContents are compared by
 * id and frames by (processId, frameTreeNodeId), which identify a frame browser-wide.
 */
export function mainFrameOfWindows(windows: () => Iterable<WindowLike>): TrustedSenderCheck {
  return (frame, event) => {
    for (const win of windows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
      const main = win.webContents.mainFrame;
      if (
        event.sender?.id === win.webContents.id &&
        main.processId === frame.processId &&
        main.frameTreeNodeId === frame.frameTreeNodeId
      ) {
        return true;
      }
    }
    return false;
  };
}

/**
 * Registers one handler per channel of the contract (validation happens in `core.invoke`) and
 * forwards core events. Returns a dispose function that removes both.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  core: IpcCore,
  isTrustedSender: TrustedSenderCheck,
  options: IpcTransportOptions,
): () => void {
  const log = options.log ?? ((m: string, e?: unknown) => console.error(`[ipc] ${m}`, e ?? ''));
  const registered: string[] = [];
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isAllowedSender(event, isTrustedSender)) {
        log(`refused ${channel} from ${safeUrl(event)}`);
        return forbiddenSender();
      }
      try {
        return await core.invoke(channel, input);
      } catch (err) {
        // core.invoke promises never to throw; if it ever does, the renderer still gets a Result.
        log(`channel ${channel} threw`, err);
        return { ok: false, error: { code: 'internal', message: 'errors.internal' } };
      }
    });
    registered.push(channel);
  }

  const known = new Set<string>(EVENT_NAMES);
  const unsubscribe = core.subscribe((name, payload) => {
    if (!known.has(name)) return;
    for (const target of options.eventTargets()) {
      try {
        if (!target.isDestroyed()) target.send(eventChannel(name), payload);
      } catch (err) {
        log(`could not forward ${name}`, err);
      }
    }
  });

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    for (const channel of registered) ipcMain.removeHandler(channel);
  };
}

function safeUrl(event: IpcMainInvokeEvent): string {
  try {
    return senderFrameOf(event)?.url || '(no frame)';
  } catch {
    return '(unknown)';
  }
}
