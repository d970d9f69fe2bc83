import type { KefuBridge } from '../../shared/contract/bridge';
import type { CoreApi } from './core-api';

export function electronApi(bridge: KefuBridge): CoreApi {
  return {
    call: (channel, input) => bridge.channels[channel](input as never) as never,
    on: (event, listener) => bridge.events[event](listener as never),
  };
}
