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
  if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Use POST' } });
  const auth = req.headers.authorization ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice(7) : null;
  if (!tokenOk(given)) return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'errors.forbidden' } });
  let input: unknown;
  try {
    const text = await readBody(req);
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Body must be JSON of at most 4 KiB' } });
  }
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const result = await core.invoke('calls.simulate', { action: 'ring', ...body });
  send(res, result.ok ? 200 : result.error.code === 'invalid_input' ? 400 : 500, result);
}
