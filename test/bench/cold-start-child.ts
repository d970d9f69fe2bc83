export {};
// One cold start of the core in a fresh process: from before the core's modules load to the
// first answered calls, which is what the agent waits for when the app opens. Then a burst
// of searches, and the process's resident memory as the seat would see it.
const started = performance.now();
const { createCore } = await import('../../electron/core/create-core');
const core = createCore({ dataDir: process.argv[2]!, log: () => {} });
const session = await core.invoke('session.get', {});
const first = await core.invoke('customers.search', { query: 'wang' });
const coldStartMs = performance.now() - started;
if (!session.ok || !first.ok) throw new Error('cold start call failed');
for (const q of ['zhang', 'li', '1381', 'chen', 'ww', 'liu', '5678', 'huang', 'zhao', 'k0']) await core.invoke('customers.search', { query: q });
const rssMb = process.memoryUsage().rss / 2 ** 20;
core.close();
process.stdout.write(`${JSON.stringify({ coldStartMs, rssMb })}\n`);
