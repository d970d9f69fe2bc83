import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/channels';
import type { CallError, Result } from '../../shared/contract/result';
import type { CoreApi } from '../api/core-api';

/** api.call that never rejects: a thrown transport error becomes an `unavailable` result. */
export async function callCore<C extends ChannelName>(
  api: CoreApi,
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  try {
    return await api.call(channel, input);
  } catch (err) {
    const message = err instanceof Error && err.message.startsWith('errors.') ? err.message : 'errors.hostUnavailable';
    const error: CallError = { code: 'unavailable', message };
    return { ok: false, error };
  }
}
