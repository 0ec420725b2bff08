// `npm run bench`: runs every test/bench/*.bench.ts one after the other (the machine has 2 cores: never in
// parallel) and prints each one's figures. Each bench measures its own baseline in the same run and prints ratios.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.log(`!!! ${file} exited with ${run.status ?? run.signal}`);
  }
}
console.log(`\n${benches.length - failed} benches ran, ${failed} failed`);
process.exit(failed ? 1 : 0);
