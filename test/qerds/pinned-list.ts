// The sandbox trusted list as the helper reads it once `npm start` (or a test) has pinned its operator's certificate,
// the way the e2e and scripts/start.ts install it: signed by a pinned key, so trusted.
import { parseCertificate } from '../../helper/src/evidence/certificate.ts';
import { parseTrustedList, type TrustedList } from '../../helper/src/evidence/trusted-list.ts';
import type { QerdsPki } from './pki.ts';

export function pinnedSandboxList(trustedList: Uint8Array, pki: QerdsPki): TrustedList {
  return parseTrustedList(trustedList, [parseCertificate(new Uint8Array(pki.listOperator.cert.rawData))], 'trusted-list-signer.pem');
}
