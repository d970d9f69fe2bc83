import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AmiSettings } from '../../shared/contract/call-schemas';
import { SyncSettings } from '../../shared/contract/sync-schemas';
import { parseAmiUrl } from '../core/cti/ami-url';
import { startWebHost } from './web-host';

// `npm run web -- --data-dir DIR [--port N] [--demo N] [--seed S] [--role agent|supervisor|admin]
//                 [--ami tcp://USER:SECRET@HOST:PORT --extension EXT] [--hub URL --hub-token TOKEN]`
// stdout carries exactly one line, the ready line; everything else goes to stderr.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fail = (message: string): never => {
  process.stderr.write(`kefu web host: ${message}\n`);
  process.exit(2);
};

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '0' },
        demo: { type: 'string' },
        seed: { type: 'string', default: '1' },
        role: { type: 'string' },
        'agent-name': { type: 'string' },
        ami: { type: 'string' },
        extension: { type: 'string' },
        hub: { type: 'string' },
        'hub-token': { type: 'string' },
        'test-hooks': { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (err) {
    return fail((err as Error).message);
  }
})();

const dataDir = values['data-dir'] ?? fail('--data-dir DIR is required (the folder that holds the customer store).');
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got ${values.port}`);
const role = values.role;
if (role && !['agent', 'supervisor', 'admin'].includes(role)) fail('--role must be agent, supervisor or admin');

let ami: AmiSettings | undefined;
if (values.ami) {
  try {
    ami = parseAmiUrl(values.ami, values.extension);
  } catch (err) {
    fail((err as Error).message);
  }
} else if (values.extension) fail('--extension goes with --ami tcp://USER:SECRET@HOST:PORT');

// The sync hub for this run; the token may also come from KEFU_HUB_TOKEN (kept out of `ps`).
let sync: SyncSettings | undefined;
const hubToken = values['hub-token'] ?? process.env.KEFU_HUB_TOKEN;
if (values.hub) {
  const parsed = SyncSettings.safeParse({ hubUrl: values.hub, token: hubToken ?? '' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.path[0] !== 'token') fail(`--hub must be an http(s) URL, got ${JSON.stringify(values.hub)}`);
    fail(hubToken ? '--hub-token must be 16 to 200 characters' : '--hub needs --hub-token TOKEN (the seat token from `npm run hub -- seat add`)');
  } else sync = parsed.data;
} else if (values['hub-token']) fail('--hub-token goes with --hub URL');
// Demo data written into this seat's store would never reach the hub (an edit of it is parked
// there as unknown_row): with a hub, demo data is loaded into the hub and pulled like any data.
if (sync && values.demo !== undefined && values.demo !== '0') {
  fail(
    `--demo does not go with --hub: demo data made on a seat stays on that seat. Load it into the hub instead, ` +
      `\`npm run hub -- import demo --customers ${/^\d+$/.test(values.demo) ? values.demo : 'N'}\`, and start this seat without --demo; it pulls the data on its first sync.`,
  );
}

const rendererDir = join(root, 'out/renderer');
if (!existsSync(join(rendererDir, 'index.html'))) {
  process.stderr.write('kefu web host: building the app once (out/renderer is missing)…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

if (values.demo) {
  const customers = Number(values.demo);
  if (!Number.isInteger(customers) || customers < 0) fail(`--demo must be a number of customers, got ${values.demo}`);
  const { ensureDemoData } = await import('../core/demo/generate-demo');
  await ensureDemoData(resolve(dataDir), customers, Number(values.seed));
}

try {
  const host = await startWebHost({
    dataDir: resolve(dataDir),
    port,
    rendererDir,
    role: role as 'agent' | 'supervisor' | 'admin' | undefined,
    agentName: values['agent-name'],
    ami,
    ...(sync ? { sync } : {}),
    testHooks: values['test-hooks'],
  });
  if (values['test-hooks']) process.stderr.write('kefu web host: --test-hooks is on (POST /test/clock moves the clock); for automated tests only.\n');
  if (sync) {
    // A token from `seat add` binds to this id on the first sync; `seat add … --id <seat id>` registers it ahead.
    process.stderr.write(`kefu web host: syncing with ${sync.hubUrl} as seat ${host.core.seat.seatId}\n`);
  }
  process.stdout.write(`Kefu Desk web host ready at ${host.url}\n`);
  const stop = () => {
    // The store is consistent after every commit, so a slow close may be cut short.
    setTimeout(() => process.exit(0), 3000).unref();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  fail((err as Error).message);
}
