import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../server/embedded';
import { change, customer, pullAll, push, type TestSeat } from '../../support/hub';

// `npm run hub` without --database-url: the single-site default on an embedded PostgreSQL,
// driven through the real CLI (serve, then `seat add` against the running server's data dir).
// The other hub tests use DATABASE_URL when it is set (CI), so this file keeps the embedded
// default covered there too.

const root = resolve(import.meta.dirname, '../../..');
const cli = (args: string[]) => [process.execPath, ['--import', 'tsx', resolve(root, 'server/hub-cli.ts'), ...args]] as const;
const env = { ...process.env, DATABASE_URL: '' };

let dir = '';
let hub: ChildProcess | null = null;

afterAll(async () => {
  if (hub && hub.exitCode === null) {
    const exited = new Promise((r) => hub!.once('exit', r));
    hub.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `npm run hub -- seat …` against the running server's data dir; its output. */
function seatCli(hubDir: string, args: string[]): string {
  const [node, argv] = cli(['seat', ...args, '--data-dir', hubDir]);
  const out = spawnSync(node, argv, { cwd: root, env, encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout;
}

/**
 * `npm run hub -- seat add …`. With `ownId` the seat is registered under it (--id); without,
 * the seat is unbound and its token binds to the id the seat presents first (a new one here,
 * like seat_meta seat_id).
 */
function addSeat(hubDir: string, name: string, ownId?: string): TestSeat {
  const stdout = seatCli(hubDir, ['add', '--branch', 'hq', '--name', name, ...(ownId ? ['--id', ownId] : [])]);
  const token = /token[^:]*: (\S+)/.exec(stdout)?.[1];
  expect(token, stdout).toBeTruthy();
  if (ownId) expect(stdout).toContain(`id ${ownId}`);
  else expect(stdout).toMatch(/waiting for first sync[\s\S]*binds itself to this token on its first sync/);
  return { id: ownId ?? randomUUID(), token: token!, name, seq: 1, cursor: 0 };
}

describe('npm run hub on the embedded default', () => {
  it('starts with migrations, registers seats from the CLI, and syncs a change between them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-hub-embedded-'));
    chmodSync(dir, 0o755); // as root the embedded server runs as 'postgres' and must reach it
    const port = await freePort(40_000 + Math.floor(Math.random() * 10_000));
    const [node, args] = cli(['--data-dir', join(dir, 'hub'), '--port', String(port), '--host', '127.0.0.1']);
    hub = spawn(node, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    hub.stderr!.on('data', (c) => (stderr += String(c)));
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`hub not ready:\n${out}\n${stderr}`)), 90_000);
      hub!.stdout!.on('data', (c) => {
        out += String(c);
        const m = /kefu hub ready on (http:\/\/\S+) \(database .*embedded\)/.exec(out);
        if (m) {
          clearTimeout(timer);
          ok(m[1]!);
        }
      });
      hub!.once('exit', (code) => fail(new Error(`hub exited with ${code}:\n${stderr}`)));
    });
    const a = addSeat(join(dir, 'hub'), 'front-desk-1'); // enrolled on its first push
    const b = addSeat(join(dir, 'hub'), 'front-desk-2', randomUUID()); // registered with --id
    expect(seatCli(join(dir, 'hub'), ['list'])).toMatch(/front-desk-1\t.*waiting for first sync\tid \(unbound\)/);

    const at = Date.UTC(2026, 10, 26, 3, 0, 0);
    const id = '01940000-0000-7000-8000-0000000000e1';
    const pushed = await push(url, a, [change(a, 'customers', id, 'insert', customer(id, '嵌入式客户', at), at)]);
    expect(pushed.status).toBe(200);
    expect(pushed.body.ackSeq).toBe(1);
    const pulled = await pullAll(url, b);
    expect(pulled.map((c) => [c.entity, c.entityId, c.fields.name])).toEqual([['customers', id, '嵌入式客户']]);
    const list = seatCli(join(dir, 'hub'), ['list']);
    expect(list).toMatch(new RegExp(`front-desk-1\\t.*\\tactive\\tid ${a.id}\\t`));
    expect(list).toMatch(new RegExp(`front-desk-2\\t.*\\tactive\\tid ${b.id}\\t`));
    expect(list).not.toContain('waiting for first sync');
  });
});
