// Zip files without holding everything twice in memory: entries are streamed in and out with fflate. Entries are
// written as deflate level 0 (stored blocks): PDFs are already compressed, and unlike plain "stored" entries with a
// data descriptor, a deflate stream ends by itself, so the streaming reader can find each entry's end.
import { Unzip, UnzipInflate, Zip, ZipDeflate } from 'fflate';

export interface ZipSource {
  name: string;
  data: Blob | Uint8Array | string;
  /** Last-modified time written in the entry. */
  mtime?: Date;
}

async function* chunksOf(data: Blob | Uint8Array | string): AsyncGenerator<Uint8Array> {
  if (typeof data === 'string') yield new TextEncoder().encode(data);
  else if (data instanceof Uint8Array) yield data;
  else {
    const reader = data.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  }
}

/** Writes the entries, in order, into one zip Blob. */
export async function zipToBlob(entries: AsyncIterable<ZipSource> | Iterable<ZipSource>): Promise<Blob> {
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else parts.push(chunk);
  });
  for await (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 0 });
    if (entry.mtime) file.mtime = entry.mtime;
    zip.add(file);
    let previous: Uint8Array | undefined;
    for await (const chunk of chunksOf(entry.data)) {
      if (previous) file.push(previous);
      previous = chunk;
    }
    file.push(previous ?? new Uint8Array(), true);
    if (failure) throw failure;
  }
  zip.end();
  if (failure) throw failure;
  return new Blob(parts as BlobPart[], { type: 'application/zip' });
}

export class ZipReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipReadError';
  }
}

/** Reads every entry of a zip Blob as a Blob, refusing more than `maxEntries` entries or unsafe names. */
export async function readZip(zip: Blob, onEntry: (name: string, data: Blob) => void | Promise<void>, maxEntries = 1_000_000): Promise<void> {
  const pending: { name: string; chunks: Uint8Array[]; done: boolean }[] = [];
  let failure: Error | null = null;
  let count = 0;
  const unzip = new Unzip((file) => {
    if (++count > maxEntries) {
      failure = new ZipReadError(`more than ${maxEntries} entries`);
      return;
    }
    if (file.name.startsWith('/') || file.name.split('/').includes('..') || file.name.includes('\\')) {
      failure = new ZipReadError(`unsafe entry name ${file.name}`);
      return;
    }
    const entry = { name: file.name, chunks: [] as Uint8Array[], done: false };
    pending.push(entry);
    file.ondata = (err, chunk, final) => {
      if (err) failure = err;
      else {
        entry.chunks.push(chunk);
        entry.done = final;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const flush = async () => {
    while (pending[0]?.done) {
      const e = pending.shift()!;
      await onEntry(e.name, new Blob(e.chunks as BlobPart[]));
    }
  };
  try {
    const reader = zip.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      unzip.push(value ?? new Uint8Array(), done);
      if (failure) throw failure;
      await flush();
      if (done) break;
    }
  } catch (e) {
    throw e instanceof ZipReadError ? e : new ZipReadError(e instanceof Error ? e.message : String(e));
  }
  if (pending.length) throw new ZipReadError(`truncated entry ${pending[0]!.name}`);
}
