// Following the EU list of trusted lists (LOTL) to a national list: the LOTL is trusted only when one of the pinned
// LOTL signing certificates (published in the Official Journal of the EU) signed it; it then publishes, per country,
// the 2 to 4 certificates allowed to sign that country's list, which become the national list's pins. A snapshot of
// both lists ships with the helper (helper/trusted-lists/, see its README) for offline use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from './certificate.ts';
import { isTrusted, parseTrustedList, type TrustedList, type TrustedListPointer } from './trusted-list.ts';
import { readCertificates } from './trusted-list-source.ts';

export const LOTL_URL = 'https://ec.europa.eu/tools/lotl/eu-lotl.xml';

/** The snapshot shipped with the helper: the LOTL, the Belgian list it points to, and the OJ LOTL signers. */
export const SNAPSHOT = {
  dir: join(import.meta.dirname, '../../trusted-lists'),
  lotl: 'eu-lotl-2019-09-04.xml',
  national: { BE: 'tl-be-2019-06-13.xml' } as Readonly<Record<string, string>>,
  lotlSigners: 'lotl-signers-oj-2019.pem',
} as const;

export function snapshotLotlSigners(): Certificate[] {
  return readCertificates(readFileSync(join(SNAPSHOT.dir, SNAPSHOT.lotlSigners)));
}

export interface NationalListViaLotl {
  lotl: TrustedList;
  pointer: TrustedListPointer | undefined;
  /** The national list, its signature checked against the certificates the LOTL publishes for it. */
  list: TrustedList;
}

/**
 * Reads the LOTL against its pinned signers and the `territory` list against the certificates the LOTL publishes for
 * it. An untrusted LOTL, or one without a pointer for the territory, leaves the national list untrusted, saying why.
 */
export function nationalListViaLotl(lotlBytes: Uint8Array, lotlSigners: readonly Certificate[], nationalBytes: Uint8Array, territory: string): NationalListViaLotl {
  const lotl = parseTrustedList(lotlBytes, lotlSigners, 'the pinned signers of the EU list of trusted lists');
  const pointer = lotl.pointers.find((p) => p.territory === territory);
  const issued = lotl.issueDate?.toISOString() ?? 'undated';
  const list = parseTrustedList(nationalBytes, isTrusted(lotl) && pointer ? pointer.signers : [], `the EU list of trusted lists of ${issued}`);
  if (!isTrusted(lotl)) {
    list.signature = { ...list.signature, pinned: false, problem: `the EU list of trusted lists is not trusted: ${lotl.signature.problem}` };
  } else if (pointer === undefined) {
    list.signature = { ...list.signature, pinned: false, problem: `the EU list of trusted lists names no list for ${territory}` };
  }
  return { lotl, pointer, list };
}
