// V8 settings for the memory-hungry work of the `ebox-keeper` command: evidence bundles. An export or verification
// of 10,000 documents streams gigabytes through short-lived buffers and streams; with V8's defaults the heap grows
// to several times what is live (362 MB peak RSS for an export whose live heap stays under 60 MB).
// --optimize-for-size makes V8 collect before growing the heap: the same export peaks under 200 MB. V8 reads it
// when it sizes the heap, so it can be set at run time: the bin sets it before loading export-bundle and
// verify-bundle; the helper sets it while an export runs (left on, it costs acknowledgements 15-20% more CPU and
// about 14 ms more p99 in the helper bench).
import v8 from 'node:v8';

export const MEMORY_FLAGS: readonly string[] = ['--optimize-for-size'];
/** The commands that run with MEMORY_FLAGS from the start. `sync`: 20,000 documents and 2,000 receipts of short-lived
 *  buffers peaked at 330 MB RSS with the defaults (sync bench), for a live heap far under it. */
export const MEMORY_COMMANDS: readonly string[] = ['export-bundle', 'verify-bundle', 'sync'];

export function applyMemoryFlags(on = true): void {
  for (const flag of MEMORY_FLAGS) v8.setFlagsFromString(on ? flag : flag.replace(/^--/, '--no-'));
}
