// V8 settings the `ebox-keeper` command runs with. An evidence bundle of 10,000 documents streams gigabytes
// through short-lived buffers and streams; with V8's defaults the heap grows to several times what is live
// (343 MB peak RSS for an export whose live heap stays under 60 MB). --optimize-for-size makes V8 collect before
// growing the heap: the same export peaks under 200 MB, and the idle helper takes 25 MB less. Acknowledgements
// are not slower with it (helper bench, alternating runs: 2,469 and 2,745/s with it, 2,251 and 1,886/s without).
// V8 reads it when it sizes the heap, so the bin can set it at run time, first thing, before loading the helper.
import v8 from 'node:v8';

export const MEMORY_FLAGS: readonly string[] = ['--optimize-for-size'];

export function applyMemoryFlags(): void {
  for (const flag of MEMORY_FLAGS) v8.setFlagsFromString(flag);
}
