// Child process for the durability test: writes customers as fast as it can and prints
// "ack <id>" only after the core has acknowledged each write. The parent kills it with
// SIGKILL at random moments and checks that every acknowledged id survived.
import { createCore } from '../../electron/core/create-core';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: durability-writer DATA_DIR');
const core = createCore({ dataDir, log: () => {} });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const r = await core.invoke('customers.create', {
    customer: { name: `耐久测试${i}`, phones: [`139${String(i % 1e8).padStart(8, '0')}`], city: '上海' },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  process.stdout.write(`ack ${(r.value as { customer: { id: string } }).customer.id}\n`);
}
