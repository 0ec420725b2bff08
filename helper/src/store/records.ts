// The payloads of the proof store's log records (docs/proof-store.md is the reference). The first byte is the kind.
export const RECORD_KIND = { entry: 1, checkpoint: 2, checkpointTimestamp: 3, artifact: 4 } as const;
export const ARTIFACT_KIND = { pdf: 1 } as const;
export type ArtifactKind = keyof typeof ARTIFACT_KIND;

export type StoreRecord =
  /** A Merkle leaf (canonical JSON) and its detached CMS signature (empty when unsigned). */
  | { kind: 'entry'; leaf: Buffer; signature: Buffer }
  /** A C2SP signed note covering every entry before it. */
  | { kind: 'checkpoint'; note: string }
  /** An RFC 3161 TimeStampToken whose message imprint is SHA-256 of the checkpoint body of that tree size. */
  | { kind: 'checkpointTimestamp'; treeSize: number; token: Buffer }
  /** A file derived from an entry (the signed PDF receipt), kept in blobs/ under its SHA-256. */
  | { kind: 'artifact'; leafIndex: number; artifact: ArtifactKind; sha256: Buffer };

export function encodeRecord(r: StoreRecord): Buffer {
  switch (r.kind) {
    case 'entry': {
      const head = Buffer.alloc(5);
      head[0] = RECORD_KIND.entry;
      head.writeUInt32BE(r.leaf.length, 1);
      return Buffer.concat([head, r.leaf, r.signature]);
    }
    case 'checkpoint':
      return Buffer.concat([Buffer.from([RECORD_KIND.checkpoint]), Buffer.from(r.note, 'utf8')]);
    case 'checkpointTimestamp': {
      const head = Buffer.alloc(5);
      head[0] = RECORD_KIND.checkpointTimestamp;
      head.writeUInt32BE(r.treeSize, 1);
      return Buffer.concat([head, r.token]);
    }
    case 'artifact': {
      const head = Buffer.alloc(6);
      head[0] = RECORD_KIND.artifact;
      head.writeUInt32BE(r.leafIndex, 1);
      head[5] = ARTIFACT_KIND[r.artifact];
      return Buffer.concat([head, r.sha256]);
    }
  }
}

/** Throws a message naming what is malformed; the caller adds which record it was. */
export function decodeRecord(p: Buffer): StoreRecord {
  switch (p[0]) {
    case RECORD_KIND.entry: {
      if (p.length < 5) throw new Error('entry record too short');
      const leafLength = p.readUInt32BE(1);
      if (5 + leafLength > p.length) throw new Error('entry leaf length runs past the record');
      return { kind: 'entry', leaf: p.subarray(5, 5 + leafLength), signature: p.subarray(5 + leafLength) };
    }
    case RECORD_KIND.checkpoint:
      return { kind: 'checkpoint', note: p.subarray(1).toString('utf8') };
    case RECORD_KIND.checkpointTimestamp:
      if (p.length < 6) throw new Error('checkpoint timestamp record too short');
      return { kind: 'checkpointTimestamp', treeSize: p.readUInt32BE(1), token: p.subarray(5) };
    case RECORD_KIND.artifact: {
      if (p.length !== 38) throw new Error('artifact record must be 38 bytes');
      const artifact = (Object.keys(ARTIFACT_KIND) as ArtifactKind[]).find((k) => ARTIFACT_KIND[k] === p[5]);
      if (!artifact) throw new Error(`unknown artifact kind ${p[5]}`);
      return { kind: 'artifact', leafIndex: p.readUInt32BE(1), artifact, sha256: p.subarray(6) };
    }
    default:
      throw new Error(`unknown record kind ${p[0]}`);
  }
}
