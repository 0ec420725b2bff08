// Tests that run the `ebox-keeper` command run the compiled helper (dist/): compile it from the current sources
// first (about a second), so no test runs a stale build.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = join(fileURLToPath(import.meta.url), '..', '..', 'scripts', 'build-helper.mjs');
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the helper (scripts/build-helper.mjs) failed');
}
