import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../shared/contract/channels';
import type { Result } from '../../shared/contract/result';

/** The renderer's only way to the core, whatever carries it (Electron IPC or the browser host's WebSocket). */
export interface CoreApi {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * The link to the core dropped for good (the browser host closed or restarted; its token is then
   * gone too). Electron's IPC cannot drop, so only the browser host's transport has it.
   */
  onDisconnect?(listener: () => void): () => void;
}
