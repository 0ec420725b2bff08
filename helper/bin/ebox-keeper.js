#!/usr/bin/env node
// The `ebox-keeper` command. Node 24 runs the TypeScript sources directly (type stripping). Bundle commands get
// their memory flags before the helper's modules load (a static import of main.ts would load them first).
import { applyMemoryFlags, MEMORY_COMMANDS } from '../src/memory-flags.ts';

if (MEMORY_COMMANDS.includes(process.argv[2] ?? '')) applyMemoryFlags();
await import('../src/cli/main.ts');
