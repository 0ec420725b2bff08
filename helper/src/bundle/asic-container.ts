// Reads an ASiC-E container safely and checks everything that does not need a certificate: the zip is the
// bundle profile byte for byte (zip-profile.ts), `mimetype` comes first, stored, with the ASiC-E type, the
// manifest parses, every entry is listed in it (or is the container's own), and every entry's bytes match both
// its manifest SHA-256 and its zip CRC-32. Entry data is read straight from the file, at the local header's place. The signature over the manifest is checked by container-signature.ts.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { ASIC_E_MIMETYPE, MANIFEST_PATH, MIMETYPE_PATH, SIGNATURE_PATH } from '../../../shared/bundle/layout.ts';
import type { BundleCheck } from '../../../shared/bundle/verification.ts';
import { ManifestError, parseManifest, type AsicManifest } from './asic-manifest.ts';
import { DEFAULT_LIMITS, openSafeZip, UnsafeZipError, type SafeEntry, type ZipLimits } from './safe-zip.ts';
import { checkZipLayout } from './zip-profile.ts';

const MAX_MANIFEST_BYTES = 64 * 2 ** 20;
const MAX_SIGNATURE_BYTES = 4 * 2 ** 20;

export interface ContainerProgress {
  files: number;
  bytes: number;
  totalBytes: number;
}

export interface OpenedContainer {
  path: string;
  fileSize: number;
  manifest?: AsicManifest;
  manifestBytes?: Uint8Array;
  signatureBytes?: Uint8Array;
  /** Entries whose bytes matched the manifest: only these may be trusted by later checks. */
  verified: Set<string>;
  problems: BundleCheck[];
  passed: Record<string, number>;
  /** Reads a verified entry whole (for small files: JSON, CMS, XML); rejects above `maxBytes`. */
  read(path: string, maxBytes?: number): Promise<Buffer>;
  close(): Promise<void>;
}

function problem(file: string, check: string, message: string, status: BundleCheck['status'] = 'failed'): BundleCheck {
  return { file, check, status, message };
}

/** Where an entry's data starts: after its local header, whose own name and extra lengths are used. */
async function dataStart(fh: FileHandle, entry: SafeEntry): Promise<number> {
  const head = Buffer.alloc(30);
  const { bytesRead } = await fh.read(head, 0, 30, entry.relativeOffsetOfLocalHeader);
  if (bytesRead !== 30 || head.readUInt32LE(0) !== 0x04034b50) throw new Error('no local header where the directory says');
  return entry.relativeOffsetOfLocalHeader + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
}

/** Reads a stored entry whole (bundles store every entry; the profile check reports anything else). */
async function readStored(fh: FileHandle, entry: SafeEntry, maxBytes: number): Promise<Buffer> {
  if (entry.compressionMethod !== 0) throw new Error(`${entry.fileName} is compressed: bundles store every file`);
  if (entry.compressedSize > maxBytes) throw new Error(`${entry.fileName} is larger than ${maxBytes} bytes`);
  const buf = Buffer.alloc(entry.compressedSize);
  const { bytesRead } = await fh.read(buf, 0, buf.length, await dataStart(fh, entry));
  if (bytesRead !== buf.length) throw new Error(`${entry.fileName}: unexpected end of file`);
  return buf;
}

/**
 * Opens and checks the container. Never throws for a bad bundle: every fault becomes a problem naming its file.
 * Throws only when the file cannot be read at all (missing, permissions).
 */
export async function openContainer(path: string, options: { limits?: ZipLimits; onProgress?: (p: ContainerProgress) => void } = {}): Promise<OpenedContainer> {
  const problems: BundleCheck[] = [];
  const passed: Record<string, number> = {};
  const pass = (check: string) => (passed[check] = (passed[check] ?? 0) + 1);
  const verified = new Set<string>();
  let safe: Awaited<ReturnType<typeof openSafeZip>>;
  try {
    safe = await openSafeZip(path, options.limits ?? DEFAULT_LIMITS);
  } catch (err) {
    if (!(err instanceof UnsafeZipError)) throw err;
    problems.push(problem(err.file, 'container', err.message));
    for (const other of err.others) problems.push(problem(other, 'container', err.message));
    return { path, fileSize: 0, verified, problems, passed, read: () => Promise.reject(new Error('container unreadable')), close: async () => {} };
  }
  const { entries, fileSize } = safe;
  const byName = new Map(entries.map((e) => [e.fileName, e]));
  const fh = await open(path, 'r');
  const readEntry = (entry: SafeEntry, maxBytes: number) => readStored(fh, entry, maxBytes);

  const container: OpenedContainer = {
    path,
    fileSize,
    verified,
    problems,
    passed,
    async read(name, maxBytes = 64 * 2 ** 20) {
      const entry = byName.get(name);
      if (!entry || !verified.has(name)) throw new Error(`${name} is not a verified entry of the bundle`);
      return readEntry(entry, maxBytes);
    },
    close: () => fh.close(),
  };

  for (const p of await checkZipLayout(fh, fileSize, entries)) problems.push(problem(p.file, 'structure', p.message));
  if (!problems.some((p) => p.check === 'structure')) pass('structure');

  // ETSI EN 319 162-1: the first entry is "mimetype", stored, without extra field, holding the media type.
  const first = entries[0];
  if (first?.fileName !== MIMETYPE_PATH) {
    problems.push(problem(MIMETYPE_PATH, 'container', 'the first entry must be "mimetype"'));
  } else {
    const text = (await readEntry(first, 1024).catch(() => Buffer.alloc(0))).toString('latin1');
    if (first.compressionMethod !== 0 || text !== ASIC_E_MIMETYPE) {
      problems.push(problem(MIMETYPE_PATH, 'container', `must hold "${ASIC_E_MIMETYPE}", stored (found "${text.slice(0, 60)}")`));
    } else {
      pass('container');
    }
  }

  const manifestEntry = byName.get(MANIFEST_PATH);
  const signatureEntry = byName.get(SIGNATURE_PATH);
  if (!manifestEntry) problems.push(problem(MANIFEST_PATH, 'manifest', 'missing: nothing in the bundle is signed'));
  if (!signatureEntry) problems.push(problem(SIGNATURE_PATH, 'signature', 'missing: the bundle is not signed'));
  if (manifestEntry) {
    try {
      container.manifestBytes = await readEntry(manifestEntry, MAX_MANIFEST_BYTES);
      container.manifest = parseManifest(container.manifestBytes);
      if (container.manifest.signaturePath !== SIGNATURE_PATH) {
        problems.push(problem(MANIFEST_PATH, 'manifest', `SigReference points to "${container.manifest.signaturePath}", not ${SIGNATURE_PATH}`));
      }
    } catch (err) {
      problems.push(problem(MANIFEST_PATH, 'manifest', err instanceof ManifestError ? err.message.replace(/^[^:]+: /, '') : (err as Error).message));
      delete container.manifest;
    }
  }
  if (signatureEntry) {
    try {
      container.signatureBytes = await readEntry(signatureEntry, MAX_SIGNATURE_BYTES);
    } catch (err) {
      problems.push(problem(SIGNATURE_PATH, 'signature', (err as Error).message));
    }
  }

  const manifest = container.manifest;
  if (!manifest) return container;
  const listed = new Map(manifest.references.map((r) => [r.path, r]));
  const totalBytes = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  const progress: ContainerProgress = { files: 0, bytes: 0, totalBytes };
  // Entries in file order: one sequential read of the whole bundle into one reused buffer (no stream objects, no
  // garbage per chunk: flat memory at any size).
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (const entry of [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader)) {
    const name = entry.fileName;
    progress.files++;
    if (name === MIMETYPE_PATH || name === MANIFEST_PATH || name === SIGNATURE_PATH) {
      progress.bytes += entry.uncompressedSize;
      continue;
    }
    const ref = listed.get(name);
    if (!ref) {
      problems.push(problem(name, 'manifest-digest', 'not listed in the manifest: not covered by the signature'));
      progress.bytes += entry.uncompressedSize;
      continue;
    }
    const sha = createHash('sha256');
    let crc = 0;
    try {
      if (entry.compressionMethod !== 0) throw new Error('compressed: bundles store every file');
      let at = await dataStart(fh, entry);
      let left = entry.compressedSize;
      while (left > 0) {
        const { bytesRead } = await fh.read(chunk, 0, Math.min(chunk.length, left), at);
        if (bytesRead === 0) throw new Error('unexpected end of file');
        const view = chunk.subarray(0, bytesRead);
        sha.update(view);
        crc = crc32(view, crc);
        at += bytesRead;
        left -= bytesRead;
        progress.bytes += bytesRead;
      }
    } catch (err) {
      problems.push(problem(name, 'manifest-digest', `unreadable: ${(err as Error).message}`));
      continue;
    }
    options.onProgress?.({ ...progress });
    if (!sha.digest().equals(ref.sha256)) {
      problems.push(problem(name, 'manifest-digest', 'SHA-256 does not match the manifest: the file was altered'));
    } else if (crc !== entry.crc32) {
      problems.push(problem(name, 'manifest-digest', 'CRC-32 does not match the zip directory: the zip headers were altered'));
    } else {
      verified.add(name);
      pass('manifest-digest');
    }
  }
  for (const ref of manifest.references) {
    if (!byName.has(ref.path)) problems.push(problem(ref.path, 'manifest-digest', 'listed in the manifest but missing from the bundle'));
  }
  return container;
}
