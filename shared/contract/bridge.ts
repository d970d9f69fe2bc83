import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from './channels';
import type { Result } from './result';

/**
 * What the Electron preload puts on `window.kefu`: one method per channel and one
 * subscribe per event, built by iterating the contract — never ipcRenderer itself.
 */
export interface KefuBridge {
  channels: { [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };
  events: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
}

/** The browser host's WebSocket frames. */
export type WsClientFrame = { id: number; channel: string; input: unknown };
export type WsServerFrame =
  | { id: number; result: Result<unknown> }
  | { event: string; payload: unknown };

/** Query parameter carrying the per-launch token on the WebSocket URL. */
export const WS_PATH = '/kefu-ws';
