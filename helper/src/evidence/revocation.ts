// Revocation status of the certificates of a certification path (EN 319 102-1 5.2.6 X.509 certificate validation,
// 5.2.5 revocation freshness), from CRLs (RFC 5280) and OCSP responses (RFC 6960) read with pkijs, their signatures
// checked with Node's crypto. The data comes from the evidence itself (XAdES CertificateValues/RevocationValues) or
// was fetched (revocation-fetch.ts); each use is kept for the report. Pure: no clock, no network.
//
// Rules, as EN 319 102-1 and the DSS default policy apply them:
// - every certificate of the path but the trust anchor needs a status; an OCSP responder certificate carrying
//   id-pkix-ocsp-nocheck needs none;
// - a CRL counts when its issuer issued the certificate and its signature verifies with that issuer's key; an OCSP
//   response when signed by the issuer or by a responder the issuer certified for OCSPSigning;
// - "good" counts when the data was issued at or after the best signature time (the proof of existence of the
//   signature), or is current at the validation time (thisUpdate <= time <= nextUpdate);
// - no usable status: INDETERMINATE / TRY_LATER. Revoked: passes only when a timestamp proves the signature existed
//   before the revocation; REVOKED (TOTAL_FAILED) when the signer's own claimed signing time is already after it;
//   otherwise REVOKED_NO_POE (signer) or REVOKED_CA_NO_POE (a CA of the path).
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { RevocationUse, SubIndication } from '../../../shared/evidence/report.ts';
import type { DigestName } from './algorithms.ts';
import { EKU_OCSP_SIGNING, isIssuedBy, nameText, parseCertificate, serialHex, verifyAlgorithmSignature, type Certificate } from './certificate.ts';
import type { CertificationPath } from './chain.ts';

export interface RevocationData {
  kind: 'CRL' | 'OCSP';
  /** A DER CRL, or a DER OCSPResponse (or a bare BasicOCSPResponse, as XAdES EncapsulatedOCSPValue holds). */
  bytes: Uint8Array;
  source: 'embedded' | 'fetched';
  url?: string;
}

export interface RevocationVerdict {
  uses: RevocationUse[];
  /** Set when the path cannot pass on revocation grounds. */
  failure?: { subIndication: SubIndication; detail: string };
  /** One sentence saying what was found, when it passes. */
  detail: string;
}

export interface RevocationTimes {
  /** The proof of existence of the signature (timestamp genTime), else the validation time. */
  bestSignatureTime: Date;
  /** True when bestSignatureTime comes from a verified timestamp. */
  provenByTimestamp: boolean;
  /** The signer's own signed claim of when it signed, if any. */
  claimedSigningTime: Date | undefined;
  validationTime: Date;
}

interface StatusFound {
  status: 'good' | 'revoked' | 'unknown';
  issuedAt: Date;
  nextUpdate: Date | undefined;
  revokedAt: Date | undefined;
  onHold: boolean;
  data: RevocationData;
}

const HASH_OIDS: Readonly<Record<string, DigestName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const OID_BASIC_OCSP = '1.3.6.1.5.5.7.48.1.1';
const OID_CRL_REASON = '2.5.29.21';
const REASON_CERTIFICATE_HOLD = 6;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface ParsedCrl {
  crl: pkijs.CertificateRevocationList;
  issuer: string;
  /** Revoked serial numbers (hex) with their entries. */
  entries: Map<string, pkijs.RevokedCertificate>;
}

// Parsing and signature checks are pure functions of the bytes: memoised, as the same provider CRL comes with every
// evidence of a day.
const crlCache = new Map<string, ParsedCrl | null>();
const ocspCache = new Map<string, pkijs.BasicOCSPResponse | null>();
const signedBy = new Map<string, boolean>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

function parseCrl(key: string, bytes: Uint8Array): ParsedCrl | null {
  const cached = crlCache.get(key);
  if (cached !== undefined) return cached;
  let parsed: ParsedCrl | null;
  try {
    const crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(bytes));
    const entries = new Map((crl.revokedCertificates ?? []).map((r) => [serialHex(r.userCertificate.valueBlock.valueHexView.slice().buffer), r]));
    parsed = { crl, issuer: nameText(new Uint8Array(crl.issuer.toSchema().toBER(false))), entries };
  } catch {
    parsed = null;
  }
  return remember(crlCache, key, parsed);
}

function parseOcsp(bytes: Uint8Array): pkijs.BasicOCSPResponse | null {
  const key = sha256Hex(bytes);
  const cached = ocspCache.get(key);
  if (cached !== undefined) return cached;
  let basic: pkijs.BasicOCSPResponse | null = null;
  try {
    try {
      const response = pkijs.OCSPResponse.fromBER(new Uint8Array(bytes));
      const rb = response.responseBytes;
      if (response.responseStatus.valueBlock.valueDec === 0 && rb?.responseType === OID_BASIC_OCSP) {
        basic = pkijs.BasicOCSPResponse.fromBER(new Uint8Array(rb.response.valueBlock.valueHexView));
      }
    } catch {
      basic = pkijs.BasicOCSPResponse.fromBER(new Uint8Array(bytes));
    }
  } catch {
    basic = null;
  }
  return remember(ocspCache, key, basic);
}

const bitStringBytes = (b: asn1js.BitString): Uint8Array => b.valueBlock.valueHexView;
const params = (a: pkijs.AlgorithmIdentifier): ArrayBuffer | undefined =>
  a.algorithmParams instanceof asn1js.Null || a.algorithmParams === undefined ? undefined : a.algorithmParams.toBER(false);

/** What a CRL says of `cert`, when `issuer` signed it; undefined when the CRL is not the issuer's. */
function crlStatus(data: RevocationData, cert: Certificate, issuer: Certificate): StatusFound | undefined {
  const key = sha256Hex(data.bytes);
  const parsed = parseCrl(key, data.bytes);
  if (parsed === null || parsed.issuer !== cert.issuer) return undefined;
  const { crl } = parsed;
  const pair = `${key}/${issuer.sha256}`;
  let valid = signedBy.get(pair);
  if (valid === undefined) {
    const algorithm = crl.signatureAlgorithm;
    valid = remember(signedBy, pair, verifyAlgorithmSignature(algorithm.algorithmId, params(algorithm), crl.tbsView, issuer.publicKey, bitStringBytes(crl.signatureValue)));
  }
  if (!valid) return undefined;
  const entry = parsed.entries.get(cert.serialNumber);
  const reason = entry?.crlEntryExtensions?.extensions.find((e) => e.extnID === OID_CRL_REASON)?.parsedValue as asn1js.Enumerated | undefined;
  return {
    status: entry ? 'revoked' : 'good',
    issuedAt: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value,
    revokedAt: entry?.revocationDate.value,
    onHold: reason?.valueBlock.valueDec === REASON_CERTIFICATE_HOLD,
    data,
  };
}

/** What an OCSP response says of `cert`, when the issuer or its authorised responder signed it. */
function ocspStatus(data: RevocationData, cert: Certificate, issuer: Certificate): StatusFound | undefined {
  const basic = parseOcsp(data.bytes);
  if (basic === null) return undefined;
  const single = basic.tbsResponseData.responses.find((r) => {
    const digest = HASH_OIDS[r.certID.hashAlgorithm.algorithmId];
    return (
      digest !== undefined &&
      serialHex(r.certID.serialNumber.valueBlock.valueHexView.slice().buffer) === cert.serialNumber &&
      createHash(digest).update(issuer.publicKeyBits).digest().equals(r.certID.issuerKeyHash.valueBlock.valueHexView)
    );
  });
  if (single === undefined) return undefined;
  // The issuer itself, or a certificate it issued for OCSP signing (RFC 6960 4.2.2.2).
  const responders = [issuer];
  for (const c of basic.certs ?? []) {
    try {
      const responder = parseCertificate(new Uint8Array(c.toSchema().toBER(false)));
      if (responder.extendedKeyUsage?.purposes.includes(EKU_OCSP_SIGNING) && isIssuedBy(responder, issuer)) responders.push(responder);
    } catch {
      // An unreadable extra certificate is no responder.
    }
  }
  const algorithm = basic.signatureAlgorithm;
  const signed = responders.some((r) =>
    verifyAlgorithmSignature(algorithm.algorithmId, params(algorithm), basic.tbsResponseData.tbsView, r.publicKey, bitStringBytes(basic.signature)),
  );
  if (!signed) return undefined;
  const status = single.certStatus as asn1js.BaseBlock;
  const tag = status.idBlock.tagNumber;
  let revokedAt: Date | undefined;
  if (tag === 1) {
    const time = (status as asn1js.Constructed).valueBlock.value[0];
    revokedAt = time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined;
  }
  return {
    status: tag === 0 ? 'good' : tag === 1 ? 'revoked' : 'unknown',
    issuedAt: basic.tbsResponseData.producedAt,
    nextUpdate: single.nextUpdate,
    revokedAt,
    onHold: false,
    data,
  };
}

function use(cert: Certificate, found: StatusFound): RevocationUse {
  return {
    certificate: cert.subject,
    status: found.status,
    source: found.data.source,
    kind: found.data.kind,
    ...(found.data.url ? { url: found.data.url } : {}),
    issuedAt: found.issuedAt.toISOString(),
    ...(found.nextUpdate ? { nextUpdate: found.nextUpdate.toISOString() } : {}),
    ...(found.revokedAt ? { revokedAt: found.revokedAt.toISOString() } : {}),
    sha256: sha256Hex(found.data.bytes),
  };
}

/** Checks the revocation status of every certificate of `path` but its anchor. */
export function checkRevocation(path: CertificationPath, data: readonly RevocationData[], times: RevocationTimes): RevocationVerdict {
  const uses: RevocationUse[] = [];
  const passed: string[] = [];
  for (let i = 0; i < path.path.length - 1; i++) {
    const cert = path.path[i]!;
    const issuer = path.path[i + 1]!;
    const isSigner = i === 0;
    if (cert.ocspNoCheck) {
      passed.push(`${cert.subject}: OCSP no-check`);
      continue;
    }
    const statuses = data
      .map((d) => (d.kind === 'CRL' ? crlStatus(d, cert, issuer) : ocspStatus(d, cert, issuer)))
      .filter((s): s is StatusFound => s !== undefined);
    const revoked = statuses
      .filter((s) => s.status === 'revoked' && !s.onHold)
      .sort((a, b) => (a.revokedAt?.getTime() ?? 0) - (b.revokedAt?.getTime() ?? 0))[0];
    if (revoked !== undefined) {
      uses.push(use(cert, revoked));
      const at = revoked.revokedAt ?? revoked.issuedAt;
      if (times.provenByTimestamp && at > times.bestSignatureTime) {
        passed.push(`${cert.subject}: revoked ${at.toISOString()}, after the timestamp proved the signature existed`);
        continue;
      }
      const detail = `${cert.subject} was revoked on ${at.toISOString()} (${revoked.data.kind}, ${revoked.data.source})`;
      if (isSigner && times.claimedSigningTime !== undefined && at <= times.claimedSigningTime) {
        return { uses, failure: { subIndication: 'REVOKED', detail: `${detail}, before its own claimed signing time` }, detail };
      }
      return {
        uses,
        failure: { subIndication: isSigner ? 'REVOKED_NO_POE' : 'REVOKED_CA_NO_POE', detail: `${detail}, and nothing proves the signature existed before` },
        detail,
      };
    }
    const fresh = (s: StatusFound) =>
      s.issuedAt >= times.bestSignatureTime ||
      (s.nextUpdate !== undefined && s.issuedAt <= times.validationTime && times.validationTime <= s.nextUpdate);
    const good = statuses.filter((s) => s.status === 'good');
    const usable = good.find(fresh);
    if (usable !== undefined) {
      uses.push(use(cert, usable));
      passed.push(`${cert.subject}: good (${usable.data.kind} ${usable.data.source}, issued ${usable.issuedAt.toISOString()})`);
      continue;
    }
    const held = statuses.find((s) => s.onHold);
    const stale = good.sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
    const detail = held
      ? `${cert.subject} is on hold (${held.data.kind} of ${held.issuedAt.toISOString()})`
      : stale
        ? `the newest revocation data for ${cert.subject} (${stale.data.kind} of ${stale.issuedAt.toISOString()}) is older than the signature time ${times.bestSignatureTime.toISOString()} and no longer current`
        : `no revocation status for ${cert.subject}: ${data.length === 0 ? 'the evidence carries no revocation data and none could be fetched' : 'no CRL or OCSP response of its issuer covers it'}`;
    if (stale) uses.push(use(cert, stale));
    return { uses, failure: { subIndication: 'TRY_LATER', detail }, detail };
  }
  return { uses, detail: passed.length === 0 ? 'the signer is itself a trust anchor: no status needed' : passed.join('; ') };
}
