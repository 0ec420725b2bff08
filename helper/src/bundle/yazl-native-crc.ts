// yazl computes every entry's CRC-32 with buffer-crc32, a byte-at-a-time JavaScript loop (about 400 MB/s here),
// which alone took 40% of an export's time. Node's zlib.crc32 is native and about five times faster. yazl calls
// `crc32.unsigned(chunk, previous)` through the module object, so pointing that property at zlib.crc32 (same
// polynomial, same running-value contract) speeds up yazl without forking it. yazl is buffer-crc32's only user here.
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

const require = createRequire(import.meta.url);
const bufferCrc32 = require('buffer-crc32') as { unsigned: (buf: Uint8Array | string, previous?: number) => number };

bufferCrc32.unsigned = (buf, previous) => crc32(typeof buf === 'string' ? Buffer.from(buf) : buf, previous ?? 0);

export { bufferCrc32 };
