import {
  parseCallUrl,
  parseIncomingCallArgs,
  type IncomingCallRequest,
} from '../core/cti/incoming-call-request';

// A softphone announces a ringing call by opening kefu://call?… (the app's protocol handler)
// or by starting the app with --incoming-call; a second start hands its argv to the running
// instance. No 'electron' import here, so the routing is tested without Electron.

export type IncomingCallWithSource = IncomingCallRequest & { source: 'url' | 'cli' };

/** Windows and Linux pass a kefu:// URL as an argument; the command-line flags may be there too. */
export function incomingCallFromArgv(argv: readonly string[]): IncomingCallWithSource | null {
  for (const arg of argv) {
    if (/^kefu:/i.test(arg)) {
      const call = parseCallUrl(arg);
      if (call) return { ...call, source: 'url' };
    }
  }
  const call = parseIncomingCallArgs(argv);
  return call ? { ...call, source: 'cli' } : null;
}

export function incomingCallFromUrl(url: string): IncomingCallWithSource | null {
  const call = parseCallUrl(url);
  return call ? { ...call, source: 'url' } : null;
}

/**
 * Calls can arrive before the core is up (macOS sends open-url before 'ready'; the first
 * launch carries its own argv): they wait here and are delivered, in order, once it is.
 */
export function createIncomingCallRouter(log: (message: string, err?: unknown) => void) {
  let deliver: ((call: IncomingCallWithSource) => void) | null = null;
  const waiting: IncomingCallWithSource[] = [];
  const hand = (call: IncomingCallWithSource) => {
    try {
      deliver!(call);
    } catch (err) {
      log('an incoming call could not be delivered', err);
    }
  };
  return {
    push(call: IncomingCallWithSource | null): void {
      if (!call) return;
      if (deliver) hand(call);
      else waiting.push(call);
    },
    ready(fn: (call: IncomingCallWithSource) => void): void {
      deliver = fn;
      for (const call of waiting.splice(0)) hand(call);
    },
  };
}
