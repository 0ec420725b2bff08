// V8 settings the `ebox-keeper` command runs with. An evidence bundle of 10,000 documents streams gigabytes
// through short-lived buffers and streams; with V8's defaults the heap grows to several times what is live
// (381 MB peak RSS for an export whose live heap stays under 100 MB). --optimize-for-size makes V8 collect before
// growing the heap: the same export peaks under 200 MB. Node accepts it at run time only before any heap sizing
// decision depends on it, so the bin sets it first thing, before loading the helper.
import v8 from 'node:v8';

export const MEMORY_FLAGS: readonly string[] = ['--optimize-for-size'];

export function applyMemoryFlags(): void {
  for (const flag of MEMORY_FLAGS) v8.setFlagsFromString(flag);
}
