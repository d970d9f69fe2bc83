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
}
