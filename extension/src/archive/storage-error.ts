// A write the browser refused (quota, full disk): says exactly which message and documents were not saved.
export interface UnsavedItem {
  messageId: string;
  subject: string;
  documents: { fileName: string; bytes: number }[];
}

export class ArchiveStorageError extends Error {
  readonly unsaved: UnsavedItem[];
  constructor(unsaved: UnsavedItem[], cause: unknown) {
    const list = unsaved
      .map((u) => `${u.subject || u.messageId} (${u.documents.map((d) => `${d.fileName}, ${d.bytes} bytes`).join('; ') || 'metadata only'})`)
      .join(' | ');
    super(`Storage is full: not saved: ${list}`, { cause });
    this.name = 'ArchiveStorageError';
    this.unsaved = unsaved;
  }
}

export function isQuotaError(e: unknown): boolean {
  for (let err: unknown = e, depth = 0; err && depth < 4; depth++) {
    const name = (err as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'DiskFullError') return true;
    err = (err as { inner?: unknown; cause?: unknown }).inner ?? (err as { cause?: unknown }).cause;
  }
  return false;
}
