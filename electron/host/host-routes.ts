import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/create-core';

const MAX_BODY = 4096;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(payload));
}

/** Bearer token check and JSON body, shared by the host's POST routes; null when already answered. */
async function authorisedJson(
  req: IncomingMessage,
  res: ServerResponse,
  tokenOk: (given: string | null) => boolean,
): Promise<Record<string, unknown> | null> {
  if (req.method !== 'POST') {
    send(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST' } });
    return null;
  }
  const auth = req.headers.authorization ?? '';
  if (!tokenOk(auth.startsWith('Bearer ') ? auth.slice(7) : null)) {
    send(res, 403, { ok: false, error: { code: 'forbidden', message: 'errors.forbidden' } });
    return null;
  }
  try {
    const text = await readBody(req);
    const input: unknown = text.trim() === '' ? {} : JSON.parse(text);
    return (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  } catch {
    send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Body must be JSON of at most 4 KiB' } });
    return null;
  }
}

/**
 * `POST /test/clock` with `{advanceMs}` (browser host started with --test-hooks only): moves
 * the core's clock forward and runs the reminder scan at once, so a test sees a callback fall due.
 */
export async function handleTestClock(
  req: IncomingMessage,
  res: ServerResponse,
  core: Core,
  clock: { advance(ms: number): void; now(): number },
  tokenOk: (given: string | null) => boolean,
): Promise<void> {
  const body = await authorisedJson(req, res, tokenOk);
  if (!body) return;
  const ms = Number(body.advanceMs ?? 0);
  if (!Number.isFinite(ms) || ms < 0) return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'advanceMs must be ≥ 0' } });
  clock.advance(ms);
  const fired = core.callbacks.scanNow();
  send(res, 200, { ok: true, value: { now: clock.now(), fired } });
}

/**
 * `POST /cti/simulate` with `Authorization: Bearer TOKEN` and `{from?, dnis?, queue?}` (or
 * `{action: 'answer'|'hangup', callId}`): rings the seat like the simulator panel does, for
 * training scripts and tests driving the browser host from outside the page.
 */
export async function handleCtiSimulate(
  req: IncomingMessage,
  res: ServerResponse,
  core: Core,
  tokenOk: (given: string | null) => boolean,
): Promise<void> {
  const body = await authorisedJson(req, res, tokenOk);
  if (!body) return;
  const result = await core.invoke('calls.simulate', { action: 'ring', ...body });
  send(res, result.ok ? 200 : result.error.code === 'invalid_input' ? 400 : 500, result);
}
