// The proof store: an RFC 9162 Merkle tree over the entries of an append-only record log, with a signed C2SP
// checkpoint written in the same fsync as each batch of entries (group commit), so every entry the helper
// acknowledges comes with an inclusion proof against a durable, signed tree head.
import { generateKeyPairSync, randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, openSync, fsyncSync, closeSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { MerkleTree, leafHash, type Hash } from './merkle.ts';
import { formatCheckpointBody, noteSignerFromPkcs8, signCheckpoint, verifierKeyOf, type NoteSigner } from './checkpoint.ts';
import { RecordLog, FatalStorageError, fsyncDirectory, realLogFileOps, type LogFileOps, type TornTail } from './record-log.ts';
import { decodeRecord, encodeRecord, type ArtifactKind, type StoreRecord } from './records.ts';
import { BlobStore } from './blob-store.ts';
import { StoreRefusedError } from './store-refusal.ts';
import { StoreWitness, type WitnessState } from './witness.ts';

export const STORE_FORMAT = 1;
const MAX_BATCH = 512;

export interface StoreInfo {
  format: number;
  origin: string;
  verifierKey: string;
  createdAt: string;
}

export interface StoreEntry {
  /** The leaf bytes: canonical JSON whose `type` says what it is. */
  leaf: Buffer;
  /** Detached CMS over the leaf, or empty. */
  signature: Buffer;
}

export interface CheckpointState {
  note: string;
  treeSize: number;
  rootHash: Hash;
  timestampToken: Buffer | null;
}

export interface AppendResult {
  leafIndex: number;
  leafHash: Hash;
  checkpoint: CheckpointState;
  inclusionPath: Hash[];
}

export interface ProofStoreOptions {
  dir: string;
  /** Called once when the disk can no longer be trusted (failed fsync): the helper must stop. */
  onFatal?: (err: FatalStorageError) => void;
  /** RFC 3161 client: a TimeStampToken over these bytes. When set, checkpoints are time-stamped. */
  timestamp?: (data: Buffer) => Promise<Buffer>;
  /** Least time between two checkpoint timestamps. */
  timestampIntervalMs?: number;
  /** Called for every entry, in order, while the store opens (to build indexes). */
  onEntry?: (leafIndex: number, entry: StoreEntry) => void;
  fileOps?: LogFileOps;
}

interface Pending {
  record: StoreRecord;
  resolve: (r: AppendResult | null) => void;
  reject: (e: unknown) => void;
}

export class ProofStore {
  readonly tree = new MerkleTree();
  readonly blobs: BlobStore;
  private readonly entryOffsets: number[] = [];
  private readonly artifacts = new Map<string, string>();
  private readonly timestamps = new Map<number, Buffer>();
  private latest: CheckpointState | null = null;
  private queue: Pending[] = [];
  private flushing = false;
  private flushScheduled = false;
  private lastTimestampAt = 0;
  private timestamping = false;
  private log!: RecordLog;
  readonly witness: StoreWitness;
  repairedTail: TornTail | null = null;

  readonly dir: string;
  readonly info: StoreInfo;
  readonly signer: NoteSigner;
  private readonly options: ProofStoreOptions;

  private constructor(dir: string, info: StoreInfo, signer: NoteSigner, options: ProofStoreOptions) {
    this.dir = dir;
    this.info = info;
    this.signer = signer;
    this.options = options;
    this.blobs = new BlobStore(join(dir, 'blobs'));
    this.witness = new StoreWitness(join(dir, 'witness'));
  }

  /**
   * Opens the store, cutting a torn tail left by a crash. Anything that could mean acknowledged entries are
   * damaged or gone (corruption, a log shorter than the witness, another history) throws StoreRefusedError and
   * changes nothing.
   */
  static async open(options: ProofStoreOptions): Promise<ProofStore> {
    const dir = options.dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { info, signer } = loadOrCreateKeys(dir);
    const store = new ProofStore(dir, info, signer, options);
    const witnessRead = store.witness.read();
    if (witnessRead.state === 'unreadable') {
      throw new StoreRefusedError(dir, `the witness file ${store.witness.path} is unreadable, so what was acknowledged cannot be checked`);
    }
    const witness = witnessRead.state === 'present' ? witnessRead.witness : null;
    const { log, repairedTail } = await RecordLog.open(
      join(dir, 'log.bin'),
      (record) => {
        let r: StoreRecord;
        try {
          r = decodeRecord(record.payload);
        } catch (err) {
          throw new StoreRefusedError(dir, `record ${record.number} at byte ${record.offset} has a valid checksum but cannot be read (${(err as Error).message})`);
        }
        store.applyRecord(r, record.offset);
      },
      options.fileOps ?? realLogFileOps,
      witness?.logBytes ?? 0,
    );
    store.log = log;
    store.repairedTail = repairedTail;
    if (witness) {
      const problem = store.disagreementWith(witness);
      if (problem) {
        await log.close();
        throw new StoreRefusedError(dir, problem);
      }
    }
    return store;
  }

  /** Why the log does not hold what the witness says was acknowledged, or null when it does. */
  private disagreementWith(w: WitnessState): string | null {
    const said = `the witness file holds the checkpoint of ${w.treeSize} entries (log of ${w.logBytes} bytes)`;
    if (this.size < w.treeSize || this.log.byteLength < w.logBytes) {
      return `${said}, but the log now ends after ${this.size} entries (${this.log.byteLength} bytes): it was cut or rolled back`;
    }
    const lines = w.note.split('\n');
    if (lines[0] !== this.info.origin || Number(lines[1]) !== w.treeSize) return `${said}, but that checkpoint is not one of this store`;
    if (!this.tree.root(w.treeSize).equals(Buffer.from(lines[2] ?? '', 'base64'))) {
      return `${said}, but the log's first ${w.treeSize} entries have another root: its history was rewritten`;
    }
    return null;
  }

  private applyRecord(r: StoreRecord, offset: number): void {
    switch (r.kind) {
      case 'entry': {
        const index = this.tree.appendLeafHash(leafHash(r.leaf));
        this.entryOffsets.push(offset);
        this.options.onEntry?.(index, { leaf: r.leaf, signature: r.signature });
        break;
      }
      case 'checkpoint':
        // The note was verified when it was written; verify-store re-checks it. Here: remember the newest.
        this.latest = { note: r.note, treeSize: Number(r.note.split('\n')[1]), rootHash: Buffer.from(r.note.split('\n')[2]!, 'base64'), timestampToken: null };
        break;
      case 'checkpointTimestamp':
        this.timestamps.set(r.treeSize, r.token);
        if (this.latest?.treeSize === r.treeSize) this.latest.timestampToken = r.token;
        break;
      case 'artifact':
        this.artifacts.set(`${r.leafIndex}:${r.artifact}`, r.sha256.toString('hex'));
        break;
    }
  }

  /**
   * Entries that are written and readable. The tree runs ahead of it during a group commit (the checkpoint's root
   * needs the new leaves before the write): readers must never be handed an index whose offset is not known yet.
   */
  get size(): number {
    return this.entryOffsets.length;
  }

  get checkpoint(): CheckpointState | null {
    return this.latest;
  }

  get verifierKey(): string {
    return this.info.verifierKey;
  }

  /** Appends an entry; resolves once it and a checkpoint covering it are durable on disk. */
  append(entry: StoreEntry): Promise<AppendResult> {
    return this.enqueue({ kind: 'entry', leaf: entry.leaf, signature: entry.signature }) as Promise<AppendResult>;
  }

  /** Stores a file derived from an entry (e.g. its signed PDF) and records it in the log. */
  async putArtifact(leafIndex: number, artifact: ArtifactKind, bytes: Uint8Array): Promise<string> {
    const existing = this.artifacts.get(`${leafIndex}:${artifact}`);
    if (existing) return existing;
    const { sha256 } = await this.blobs.put(bytes);
    await this.enqueue({ kind: 'artifact', leafIndex, artifact, sha256: Buffer.from(sha256, 'hex') });
    return sha256;
  }

  /** Stored documents: every blob that is not a file derived from an entry. */
  get documentCount(): number {
    return this.blobs.count - new Set(this.artifacts.values()).size;
  }

  artifact(leafIndex: number, artifact: ArtifactKind): string | undefined {
    return this.artifacts.get(`${leafIndex}:${artifact}`);
  }

  async entry(leafIndex: number): Promise<StoreEntry> {
    const offset = this.entryOffsets[leafIndex];
    if (offset === undefined) throw new RangeError(`no entry ${leafIndex}`);
    const r = decodeRecord(await this.log.read(offset));
    if (r.kind !== 'entry') throw new Error(`record at byte ${offset} is not an entry`);
    return { leaf: Buffer.from(r.leaf), signature: Buffer.from(r.signature) };
  }

  checkpointTimestamp(treeSize: number): Buffer | undefined {
    return this.timestamps.get(treeSize);
  }

  get failed(): Error | null {
    return this.log.failed;
  }

  private enqueue(record: StoreRecord): Promise<AppendResult | null> {
    const failed = this.log.failed;
    if (failed) return Promise.reject(failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      // The group starts at the end of this turn of the event loop, so every append made in it joins (requests
      // parsed together, a signing thread's batch of answers) instead of the first one going alone.
      if (!this.flushing && !this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          void this.flush();
        });
      }
    });
  }

  /** Group commit: everything queued in one event-loop turn, or while the previous batch was being fsynced, goes in one write. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const sizeBefore = this.tree.size;
        const leaves: number[] = [];
        const payloads: Buffer[] = [];
        for (const p of batch) {
          if (p.record.kind === 'entry') leaves.push(this.tree.appendLeafHash(leafHash(p.record.leaf)));
          payloads.push(encodeRecord(p.record));
        }
        let checkpoint = this.latest;
        if (leaves.length > 0) {
          const body = { origin: this.info.origin, treeSize: this.tree.size, rootHash: this.tree.root() };
          const note = signCheckpoint(body, this.signer);
          payloads.push(encodeRecord({ kind: 'checkpoint', note }));
          checkpoint = { note, treeSize: body.treeSize, rootHash: body.rootHash, timestampToken: null };
        }
        let offsets: number[];
        try {
          offsets = await this.log.appendBatch(payloads);
        } catch (err) {
          this.tree.truncate(sizeBefore);
          for (const p of batch) p.reject(err);
          if (err instanceof FatalStorageError) {
            for (const p of this.queue.splice(0)) p.reject(err);
            this.options.onFatal?.(err);
          }
          continue;
        }
        this.latest = checkpoint;
        // Before anyone is answered: the witness never claims more than the log holds, and holds all that was
        // acknowledged.
        if (leaves.length > 0) this.witness.write({ treeSize: checkpoint!.treeSize, logBytes: this.log.byteLength, note: checkpoint!.note });
        batch.forEach((p, i) => {
          if (p.record.kind === 'entry') this.entryOffsets.push(offsets[i]!);
          if (p.record.kind === 'artifact') this.artifacts.set(`${p.record.leafIndex}:${p.record.artifact}`, p.record.sha256.toString('hex'));
          if (p.record.kind === 'checkpointTimestamp') {
            this.timestamps.set(p.record.treeSize, p.record.token);
            if (this.latest?.treeSize === p.record.treeSize) this.latest.timestampToken = p.record.token;
          }
        });
        let li = 0;
        for (const p of batch) {
          if (p.record.kind !== 'entry') {
            p.resolve(null);
            continue;
          }
          const leafIndex = leaves[li++]!;
          p.resolve({
            leafIndex,
            leafHash: this.tree.leafHashAt(leafIndex),
            checkpoint: checkpoint!,
            inclusionPath: this.tree.inclusionProof(leafIndex, checkpoint!.treeSize),
          });
        }
        if (leaves.length > 0) this.maybeTimestamp();
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Time-stamps the newest checkpoint in the background, at most once per interval; failures are retried later. */
  private maybeTimestamp(): void {
    const tsa = this.options.timestamp;
    if (!tsa || this.timestamping || !this.latest) return;
    if (Date.now() - this.lastTimestampAt < (this.options.timestampIntervalMs ?? 10_000)) return;
    const target = this.latest;
    this.timestamping = true;
    this.lastTimestampAt = Date.now();
    const body = Buffer.from(formatCheckpointBody({ origin: this.info.origin, treeSize: target.treeSize, rootHash: target.rootHash }));
    tsa(body)
      .then((token) => this.enqueue({ kind: 'checkpointTimestamp', treeSize: target.treeSize, token }))
      .catch((err) => console.error(`checkpoint timestamp for tree size ${target.treeSize} failed: ${(err as Error).message}`))
      .finally(() => {
        this.timestamping = false;
      });
  }

  /** Time-stamps the newest checkpoint now (used by tests and on shutdown). */
  async timestampLatest(): Promise<void> {
    const tsa = this.options.timestamp;
    const target = this.latest;
    if (!tsa || !target || this.timestamps.has(target.treeSize)) return;
    const body = Buffer.from(formatCheckpointBody({ origin: this.info.origin, treeSize: target.treeSize, rootHash: target.rootHash }));
    await this.enqueue({ kind: 'checkpointTimestamp', treeSize: target.treeSize, token: await tsa(body) });
  }

  async close(): Promise<void> {
    while (this.flushing || this.flushScheduled || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    await this.log.close();
    this.witness.close();
  }
}

/** The store's Ed25519 checkpoint key and its description, created with the store. */
function loadOrCreateKeys(dir: string): { info: StoreInfo; signer: NoteSigner } {
  const infoPath = join(dir, 'store.json');
  const keyPath = join(dir, 'checkpoint-key.pem');
  if (!existsSync(infoPath)) {
    const origin = `ebox-keeper.local/${randomBytes(8).toString('hex')}`;
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeDurably(keyPath, pem, 0o600);
    const signer = noteSignerFromPkcs8(keyName(origin), pem);
    const info: StoreInfo = { format: STORE_FORMAT, origin, verifierKey: verifierKeyOf(signer), createdAt: new Date().toISOString() };
    writeDurably(infoPath, JSON.stringify(info, null, 2) + '\n', 0o644);
    return { info, signer };
  }
  const info = JSON.parse(readFileSync(infoPath, 'utf8')) as StoreInfo;
  if (info.format !== STORE_FORMAT) throw new Error(`proof store format ${info.format} is not supported (expected ${STORE_FORMAT})`);
  const signer = noteSignerFromPkcs8(keyName(info.origin), readFileSync(keyPath, 'utf8'));
  if (verifierKeyOf(signer) !== info.verifierKey) throw new Error(`${keyPath} does not match the verifier key in ${infoPath}`);
  return { info, signer };
}

/** The note key name is the origin, as tlog checkpoints conventionally do. */
function keyName(origin: string): string {
  return origin;
}

export function writeDurably(path: string, content: string | Buffer, mode: number): void {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode, flag: 'wx' });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDirectory(join(path, '..'));
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
