/* global process, performance */
// One cold start of the core in a fresh plain-Node process, from the bundle the bench builds
// (pure-JS dependencies inlined, as in the Electron main bundle): from before the core's code
// loads to the first answered calls, which is what the agent waits for when the app opens.
// Then a burst of searches, and the process's resident memory as the seat would see it.
const [dataDir, bundle] = process.argv.slice(2);
const started = performance.now();
const { createCore } = await import(bundle);
const core = createCore({ dataDir, log: () => {} });
const session = await core.invoke('session.get', {});
const first = await core.invoke('customers.search', { query: 'wang' });
const coldStartMs = performance.now() - started;
if (!session.ok || !first.ok) throw new Error('cold start call failed');
for (const q of ['zhang', 'li', '1381', 'chen', 'ww', 'liu', '5678', 'huang', 'zhao', 'k0']) await core.invoke('customers.search', { query: q });
const rssMb = process.memoryUsage().rss / 2 ** 20;
await core.close();
process.stdout.write(`${JSON.stringify({ coldStartMs, rssMb })}\n`);
