// An incoming call handed to the app from outside: a softphone opens
// `kefu://call?from=NUMBER&to=DNIS&id=CALLID` (the app's protocol handler) or runs
// `kefu --incoming-call NUMBER [--dnis N] [--call-id ID]` (delivered to the running instance).
// Pure parsers: the Electron shell calls them on 'open-url' / 'second-instance' and hands the
// result to core.cti.deliverIncomingCall. Anything that does not look right is refused (null):
// these strings come from other programs and end up on the agent's screen.

export interface IncomingCallRequest {
  from: string;
  dnis: string | null;
  callId: string | null;
}

export const MAX_NUMBER_LENGTH = 40;
export const MAX_CALL_ID_LENGTH = 100;
const MAX_URL_LENGTH = 2048;

/** Digits, '+', '*', '#', spaces and dashes, with at least one digit. */
const DIAL_STRING = /^[0-9+*# -]+$/;
/** AMI Uniqueids ('1732590000.42'), UUIDs, softphone ids. */
const CALL_ID = /^[A-Za-z0-9._:@-]+$/;

export function isDialString(value: string): boolean {
  return value.length > 0 && value.length <= MAX_NUMBER_LENGTH && DIAL_STRING.test(value) && /\d/.test(value);
}

export function isCallId(value: string): boolean {
  return value.length > 0 && value.length <= MAX_CALL_ID_LENGTH && CALL_ID.test(value);
}

function request(from: string | undefined, dnis: string | undefined, callId: string | undefined): IncomingCallRequest | null {
  const f = from?.trim();
  if (!f || !isDialString(f)) return null;
  const d = dnis?.trim();
  if (d !== undefined && d !== '' && !isDialString(d)) return null;
  const id = callId?.trim();
  if (id !== undefined && id !== '' && !isCallId(id)) return null;
  return { from: f, dnis: d || null, callId: id || null };
}

/**
 * `kefu://call?from=13812345678&to=4008001234&id=abc` → { from, dnis, callId }, or null.
 * The query is decoded by hand: URLSearchParams would turn the '+' of '+8613812345678' into a space.
 * A parameter given twice is refused rather than guessed at.
 */
export function parseCallUrl(url: string): IncomingCallRequest | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return null;
  const m = /^kefu:(?:\/\/)?call\/?(?:\?([^#]*))?(?:#.*)?$/i.exec(url.trim());
  if (!m) return null;
  // Null prototype: a parameter named '__proto__' or 'constructor' is just an unknown parameter.
  const q: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  for (const part of (m[1] ?? '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      return null; // malformed percent-encoding
    }
    if (key in q) return null;
    q[key] = value;
  }
  return request(q.from, q.to, q.id);
}

/**
 * `--incoming-call NUMBER [--dnis N] [--call-id ID]` (also `--flag=value`) anywhere in argv,
 * among whatever else Electron and Chromium put there; null when the flag is absent or a value
 * is missing or invalid.
 */
export function parseIncomingCallArgs(argv: readonly string[]): IncomingCallRequest | null {
  const values = new Map<string, string | undefined>();
  const flags = ['--incoming-call', '--dnis', '--call-id'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = flags.find((f) => arg === f || arg.startsWith(`${f}=`));
    if (!flag) continue;
    if (values.has(flag)) return null;
    if (arg.length > flag.length) values.set(flag, arg.slice(flag.length + 1));
    else {
      const next = argv[i + 1];
      // A number never starts with '--'; that is the next flag, so this one has no value.
      values.set(flag, next === undefined || next.startsWith('--') ? undefined : next);
      if (next !== undefined && !next.startsWith('--')) i++;
    }
  }
  if (!values.has('--incoming-call')) return null;
  for (const f of flags) if (values.has(f) && values.get(f) === undefined) return null;
  return request(values.get('--incoming-call'), values.get('--dnis'), values.get('--call-id'));
}
