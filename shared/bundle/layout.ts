// Where things live inside an e-Box Keeper evidence bundle (docs/bundle-format.md). Both the helper, which writes
// and verifies bundles, and the extension, which offers them, name files through these functions only.

/** ETSI EN 319 162-1 ASiC-E media type: the content of the first, stored `mimetype` entry. */
export const ASIC_E_MIMETYPE = 'application/vnd.etsi.asic-e+zip';

export const MIMETYPE_PATH = 'mimetype';
export const MANIFEST_PATH = 'META-INF/ASiCManifest.xml';
export const SIGNATURE_PATH = 'META-INF/signature.p7s';
export const INDEX_PATH = 'bundle.json';
export const REPORT_PATH = 'report.pdf';
export const CHECKPOINT_PATH = 'log/checkpoint.json';
export const TRUSTED_LIST_PATH = 'trust/trusted-list.xml';
/** The certificates a verifier needs offline: the company's signing chain, TSA chains, the log's key. */
export const CERTIFICATES_DIR = 'certificates/';

/** The bundle's version in bundle.json: a reader refuses any other. */
export const BUNDLE_FORMAT = 'ebox-keeper-bundle/1';

/**
 * Makes a name safe and portable as one path segment: no separators, no control characters, no leading dots,
 * at most 120 UTF-8 bytes, NFC. Names that clash after this get a numeric suffix from `uniqueName`.
 */
export function safeSegment(name: string): string {
  let s = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (s === '') s = '_';
  const bytes = new TextEncoder();
  while (bytes.encode(s).length > 120) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = s.slice(0, Math.max(1, s.length - ext.length - 1)) + ext;
  }
  return s;
}

/** Returns `name`, or `name (2)`, `name (3)`... so that no two entries of one folder share a name. */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The folder of one message: `messages/<messageId>/`. */
export function messageDir(messageId: string): string {
  return `messages/${safeSegment(messageId)}/`;
}
