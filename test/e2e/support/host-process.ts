import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

export interface HostProcess {
  url: string;
  origin: string;
  /** Everything the host wrote to stderr so far (its log). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts the real browser host CLI (`npm run web`'s entry) and waits for its one ready line. */
export function startHostProcess(args: string[]): Promise<HostProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'electron/host/web-cli.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not get ready in time:\n${stderr}`)), 110_000);
    child.stdout!.on('data', (c) => {
      out += String(c);
      const m = /^Kefu Desk web host ready at (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolvePromise({
        url: `${m[1]}/#token=${m[2]}`,
        origin: m[1]!,
        stderr: () => stderr,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready:\n${stderr}`));
    });
  });
}

/** POSTs to one of the host's token-guarded routes (/cti/simulate, /test/clock) and returns its value. */
export async function postToHost(host: HostProcess, path: string, body: unknown): Promise<Record<string, unknown>> {
  const token = new URL(host.url).hash.replace('#token=', '');
  const res = await fetch(`${host.origin}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${token}` } });
  const json = (await res.json()) as { ok: boolean; value: Record<string, unknown> };
  if (!json.ok) throw new Error(`${path} failed: ${JSON.stringify(json)}`);
  return json.value;
}
