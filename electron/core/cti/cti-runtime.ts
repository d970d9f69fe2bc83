import type { AmiSettings } from '../../../shared/contract/call-schemas';
import { CoreError } from '../../../shared/contract/result';
import type { ServiceContext } from '../create-core';
import { createCallCenter, type CallCenter } from './call-center';
import { createCtiManager, type AmiSourceFactory, type CtiManager } from './cti-manager';
import type { CtiCallEvent } from './cti-source';
import { isCallId, isDialString } from './incoming-call-request';
import { createPushSource, type PushSource } from './push-source';

export interface IncomingCall {
  from: string;
  dnis?: string | null;
  callId?: string | null;
  source: 'url' | 'cli';
}

/** What the shells get as `core.cti` (not a renderer channel). */
export interface CoreCti {
  /**
   * A call announced by a kefu:// URL or the --incoming-call command line (parse it with
   * parseCallUrl / parseIncomingCallArgs first): rings the seat through the same path as a PBX
   * ring and returns the call id (generated when absent). Throws CoreError on invalid input.
   */
  deliverIncomingCall(call: IncomingCall): string;
  /** Hands one CTI event to the call centre as a source would (tests, the bench). */
  inject(e: CtiCallEvent): void;
}

export interface CtiRuntime {
  callCenter: CallCenter;
  simulator: PushSource;
  manager: CtiManager;
  api: CoreCti;
  /** Stops every source; nothing reaches the call centre afterwards. */
  stop(): Promise<void>;
}

export function createCtiRuntime(
  ctx: ServiceContext,
  options: { ami?: AmiSettings; createAmiSource: AmiSourceFactory; log: (message: string, err?: unknown) => void },
): CtiRuntime {
  const callCenter = createCallCenter(ctx, options.log);
  const handle = (e: CtiCallEvent) => callCenter.handle(e);
  const push = {
    simulator: createPushSource('simulator', ctx.clock),
    url: createPushSource('url', ctx.clock),
    cli: createPushSource('cli', ctx.clock),
  };
  for (const s of Object.values(push)) s.start(handle, () => {});
  const manager = createCtiManager({
    db: ctx.db,
    secrets: ctx.secrets,
    createAmiSource: options.createAmiSource,
    onEvent: handle,
    onStatus: (s) => ctx.emit('cti.statusChanged', s),
    ignoredEvents: () => callCenter.stats().ignoredEvents,
    override: options.ami,
    log: options.log,
  });

  return {
    callCenter,
    simulator: push.simulator,
    manager,
    api: {
      deliverIncomingCall({ from, dnis, callId, source }) {
        const f = from?.trim() ?? '';
        const d = dnis?.trim() || null;
        const id = callId?.trim() || null;
        if (!isDialString(f) || (d !== null && !isDialString(d)) || (id !== null && !isCallId(id)) || !(source in push) || source === ('simulator' as string))
          throw new CoreError('invalid_input', 'errors.invalidIncomingCall');
        return push[source].ring({ from: f, dnis: d, callId: id });
      },
      inject: handle,
    },
    async stop() {
      callCenter.close();
      await Promise.all([manager.stop(), ...Object.values(push).map((s) => s.stop())]);
    },
  };
}
