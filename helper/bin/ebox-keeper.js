#!/usr/bin/env node
// The `ebox-keeper` command. Node 24 runs the TypeScript sources directly (type stripping). The memory flags are
// set before the helper's modules load (a static import of main.ts would load them first).
import { applyMemoryFlags } from './memory-flags.ts';

applyMemoryFlags();
await import('../src/cli/main.ts');
