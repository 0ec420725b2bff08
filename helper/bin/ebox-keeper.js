#!/usr/bin/env node
// The `ebox-keeper` command. It runs the compiled helper in dist/ (`npm run build:helper`, run by `npm ci`,
// `npm pack` and `npm test`): plain JavaScript, no TypeScript stripping at run time. Bundle commands get their
// memory flags before the helper's modules load (a static import of main.js would load them first).
import { existsSync } from 'node:fs';

const dist = new URL('../../dist/helper/src/', import.meta.url);
if (!existsSync(new URL('cli/main.js', dist))) {
  console.error('ebox-keeper: the helper is not built: run `npm run build:helper` in the e-Box Keeper folder');
  process.exit(70);
}
const { applyMemoryFlags, MEMORY_COMMANDS } = await import(new URL('memory-flags.js', dist).href);
if (MEMORY_COMMANDS.includes(process.argv[2] ?? '')) applyMemoryFlags();
await import(new URL('cli/main.js', dist).href);
