// Verifies one ETSI EN 319 522-3 evidence the way EN 319 102-1 describes: format, signature cryptography, signing
// certificate, timestamp, the trusted list's own trust (signed by a pinned key), chain to a trusted-list anchor,
// revocation status, qualification at the evidence time, algorithm policy, time validity, then the evidence's own
// statements (content digests, message, recipient). Pure: bytes, a trusted list, revocation data and a time in, a
// report out; nothing here touches the network, the disk or the clock (revocation-fetch.ts fetches, around it).
import { createHash } from 'node:crypto';
import {
  ERDS_EVENTS,
  type CertificateSummary,
  type EvidenceReport,
} from '../../../shared/evidence/report.ts';
import { digestAccepted, keyWeakness } from './algorithms.ts';
import { canonicalize } from './c14n.ts';
import { hasKeyUsage, KEY_USAGE, parseCertificate, summarize, validAt, CertificateError, type Certificate } from './certificate.ts';
import { buildPath, caProblems } from './chain.ts';
import { EvidenceFormatError, readErdsEvidence, type ErdsEvidence } from './erds-evidence.ts';
import { ReportBuilder } from './report-builder.ts';
import { parseXmlSafely, XmlFormatError } from './safe-xml.ts';
import { checkRevocation, type RevocationData } from './revocation.ts';
import { verifySignatureTimestamp } from './signature-timestamp.ts';
import {
  anchorCertificates,
  isPositiveStatus,
  isTrusted,
  listedCertificates,
  periodAt,
  QUALIFIED_DELIVERY_TYPES,
  servicesOf,
  type TrustedList,
} from './trusted-list.ts';
import { boundSigningCertificate, readXadesProperties, type XadesProperties } from './xades-properties.ts';
import { failedReferences, readSignature, signatureValueHolds, SignatureFormatError, type XmlSignature } from './xml-signature.ts';

export interface EvidenceContent {
  name: string;
  bytes: Uint8Array;
}

export interface VerifyEvidenceInput {
  evidence: Uint8Array;
  trustedList: TrustedList;
  /** The archived documents the evidence's UserContentInfo digests should match. */
  contents?: readonly EvidenceContent[];
  /** "Now" for the validation; certificate validity falls back to it when no timestamp proves an earlier time. */
  validationTime: Date;
  /** What the evidence must be about; each given field must match. */
  expected?: { messageIdentifier?: string; recipientIdentifier?: string };
  /**
   * Require a valid signature timestamp (XAdES B-T) from a qualified TSA. On by default: eIDAS article 44(1)(f)
   * wants the times of a qualified registered delivery indicated by a qualified electronic time stamp.
   */
  requireTimestamp?: boolean;
  /** Revocation data fetched for the chain (CRL, OCSP); the evidence's own RevocationValues are always used. */
  revocationData?: readonly RevocationData[];
}

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

function describeEvidence(e: ErdsEvidence | undefined): EvidenceReport['evidence'] {
  if (e === undefined) return { contents: [] };
  return {
    identifier: e.identifier,
    eventUri: e.eventUri,
    event: (ERDS_EVENTS as Record<string, string>)[e.eventUri],
    eventTime: iso(e.eventTime),
    submissionTime: iso(e.submissionTime),
    messageIdentifier: e.messageIdentifier,
    policyId: e.policyId,
    issuer: e.issuer,
    sender: e.sender,
    recipient: e.recipient,
    contents: e.contents.map((p) => ({ name: p.name, digestAlgorithm: p.digestMethod, digest: p.value.toString('base64') })),
  };
}

export function verifyEvidence(input: VerifyEvidenceInput): EvidenceReport {
  const checks = new ReportBuilder();
  const validationTime = input.validationTime;
  const report = (
    evidence: ErdsEvidence | undefined,
    signature: EvidenceReport['signature'],
    provider: EvidenceReport['provider'],
    reason: string,
    contentMatches: readonly (boolean | undefined)[] = [],
  ): EvidenceReport => {
    const { checks: list, indication, subIndication } = checks.finish(reason);
    const described = describeEvidence(evidence);
    described.contents = described.contents.map((c, i) =>
      contentMatches[i] === undefined ? c : { ...c, matches: contentMatches[i] },
    );
    return {
      indication,
      ...(subIndication === undefined ? {} : { subIndication }),
      checks: list,
      evidence: described,
      signature,
      provider,
      trustedList: {
        territory: input.trustedList.territory,
        issued: iso(input.trustedList.issueDate),
        nextUpdate: iso(input.trustedList.nextUpdate),
        signedBy: input.trustedList.signature.signedBy?.subject,
        signerPinned: input.trustedList.signature.pinned,
        ...(input.trustedList.pinnedBy ? { pinnedBy: input.trustedList.pinnedBy } : {}),
        ...(input.trustedList.signature.problem ? { problem: input.trustedList.signature.problem } : {}),
      },
      validationTime: validationTime.toISOString(),
      evidenceSha256: createHash('sha256').update(input.evidence).digest('base64url'),
    };
  };
  const noSignature = { chain: [] };
  const notQualified = { qualified: false };

  let doc: Document;
  try {
    doc = parseXmlSafely(input.evidence);
    checks.pass('XML_WELL_FORMED', 'well-formed UTF-8 XML without DTD');
  } catch (error) {
    if (!(error instanceof XmlFormatError)) throw error;
    checks.fail('XML_WELL_FORMED', 'FORMAT_FAILURE', error.message);
    return report(undefined, noSignature, notQualified, 'the evidence is not readable XML');
  }

  let evidence: ErdsEvidence;
  try {
    evidence = readErdsEvidence(doc);
    checks.pass('EVIDENCE_STRUCTURE', `EN 319 522-3 evidence ${evidence.identifier}`);
  } catch (error) {
    if (!(error instanceof EvidenceFormatError || error instanceof SignatureFormatError)) throw error;
    checks.fail('EVIDENCE_STRUCTURE', 'FORMAT_FAILURE', error.message);
    return report(undefined, noSignature, notQualified, 'the evidence structure is not EN 319 522-3');
  }

  let sig: XmlSignature;
  let props: XadesProperties;
  try {
    sig = readSignature(doc);
    props = readXadesProperties(sig);
    checks.pass('SIGNATURE_STRUCTURE', `enveloped XAdES signature with ${sig.references.length} references`);
  } catch (error) {
    if (!(error instanceof SignatureFormatError)) throw error;
    checks.fail('SIGNATURE_STRUCTURE', 'FORMAT_FAILURE', error.message);
    return report(evidence, noSignature, notQualified, 'the signature is not a readable enveloped XAdES signature');
  }

  const weak: string[] = [];
  if (sig.signatureMethod === undefined) weak.push(`unknown signature method ${sig.signatureMethodUri}`);
  else if (!digestAccepted(sig.signatureMethod.digest)) weak.push(`signature digest ${sig.signatureMethod.digest}`);
  for (const ref of sig.references) {
    if (ref.digest === undefined) weak.push(`unknown digest ${ref.digestMethod}`);
    else if (!digestAccepted(ref.digest)) weak.push(`reference digest ${ref.digest}`);
  }
  if (weak.length === 0) checks.pass('SIGNATURE_ALGORITHMS_ACCEPTED', `${sig.signatureMethodUri.split('#')[1]}, reference digests accepted`);
  else checks.fail('SIGNATURE_ALGORITHMS_ACCEPTED', 'CRYPTO_CONSTRAINTS_FAILURE', `refused: ${weak.join(', ')}`);

  const failed = failedReferences(sig);
  if (failed.length === 0) checks.pass('REFERENCE_DIGESTS', 'the evidence and the signed properties are intact');
  else checks.fail('REFERENCE_DIGESTS', 'HASH_FAILURE', `digest mismatch for ${failed.join(', ')}: signed data was altered`);

  // An unreadable KeyInfo certificate is left out; the binding or the chain then fails on its own terms.
  const keyInfoCerts: Certificate[] = [];
  for (const der of [...sig.keyInfoCertificates, ...props.certificateValues]) {
    try {
      keyInfoCerts.push(parseCertificate(der));
    } catch (error) {
      if (!(error instanceof CertificateError)) throw error;
    }
  }
  const signer = boundSigningCertificate(props, keyInfoCerts);
  if (signer !== undefined) checks.pass('SIGNING_CERTIFICATE_BINDING', `signed SigningCertificate names ${signer.subject}`);
  else {
    checks.fail(
      'SIGNING_CERTIFICATE_BINDING',
      'NO_SIGNING_CERTIFICATE_FOUND',
      props.signingCertificates.length === 0
        ? 'no signed signing-certificate property'
        : 'no certificate in KeyInfo matches the signed signing-certificate digest',
    );
  }

  // Without a bound certificate the value is still checked with the KeyInfo one, to say whether it is intact.
  const keyCert = signer ?? keyInfoCerts[0];
  if (keyCert === undefined) checks.fail('SIGNATURE_VALUE', 'SIG_CRYPTO_FAILURE', 'no certificate to verify the signature with');
  else if (signatureValueHolds(sig, keyCert.publicKey)) checks.pass('SIGNATURE_VALUE', `verifies with the key of ${keyCert.subject}`);
  else checks.fail('SIGNATURE_VALUE', 'SIG_CRYPTO_FAILURE', `does not verify with the key of ${keyCert.subject}`);

  // The timestamp's genTime is the proof of existence of the signature; without one, only "now" is known.
  let timestampTime: Date | undefined;
  const requireTimestamp = input.requireTimestamp ?? true;
  if (props.timestamps.length === 0) {
    if (requireTimestamp) {
      checks.fail('SIGNATURE_TIMESTAMP', 'SIG_CONSTRAINTS_FAILURE', 'no signature timestamp (XAdES B-B); the policy requires B-T');
    } else checks.skip('SIGNATURE_TIMESTAMP', 'no signature timestamp (XAdES B-B), accepted by the policy');
  } else {
    const problems: string[] = [];
    let crypto = false;
    let qualified = true;
    for (const ts of props.timestamps) {
      const imprint = Buffer.from(canonicalize(sig.signatureValueElement, ts.c14n), 'utf8');
      const verdict = verifySignatureTimestamp(ts.encapsulated, imprint, input.trustedList, validationTime);
      problems.push(...verdict.problems);
      crypto ||= verdict.cryptoConstraint;
      qualified &&= verdict.qualified;
      if (verdict.problems.length === 0 && verdict.genTime && (!timestampTime || verdict.genTime < timestampTime)) {
        timestampTime = verdict.genTime;
      }
    }
    // The evidence cannot have been sealed before the event it attests happened.
    if (problems.length === 0 && timestampTime !== undefined && timestampTime < evidence.eventTime) {
      problems.push(`the timestamp ${timestampTime.toISOString()} precedes the event time ${evidence.eventTime.toISOString()} it attests`);
    }
    if (problems.length === 0 && requireTimestamp && !qualified) {
      problems.push('the timestamp is not from a qualified TSA, which the policy requires (eIDAS article 44(1)(f))');
    }
    if (problems.length > 0) {
      timestampTime = undefined;
      checks.fail('SIGNATURE_TIMESTAMP', crypto ? 'CRYPTO_CONSTRAINTS_FAILURE' : 'SIG_CONSTRAINTS_FAILURE', problems.join('; '));
    } else {
      checks.pass('SIGNATURE_TIMESTAMP', `${qualified ? 'qualified' : 'non-qualified'} timestamp at ${timestampTime!.toISOString()}`);
    }
  }
  const bestSignatureTime = timestampTime ?? validationTime;

  const signature: EvidenceReport['signature'] = {
    level: props.timestamps.length === 0 ? 'XAdES-B-B' : props.revocationValues.length > 0 ? 'XAdES-B-LT' : 'XAdES-B-T',
    algorithm: sig.signatureMethodUri,
    claimedSigningTime: iso(props.signingTime),
    timestampTime: iso(timestampTime),
    bestSignatureTime: bestSignatureTime.toISOString(),
    signer: signer && summarize(signer),
    chain: [],
    revocation: [],
  };
  const provider: EvidenceReport['provider'] = { qualified: false };

  // A list is trusted only when a pinned key signed it; otherwise its certificates anchor nothing (EN 319 102-1:
  // without a trust anchor there is no chain), whatever the list claims.
  const listTrusted = isTrusted(input.trustedList);
  if (listTrusted) {
    checks.pass('TRUSTED_LIST', `signed by the pinned ${input.trustedList.signature.signedBy!.subject}${input.trustedList.pinnedBy ? ` (pinned by ${input.trustedList.pinnedBy})` : ''}`);
  } else {
    checks.fail('TRUSTED_LIST', 'NO_CERTIFICATE_CHAIN_FOUND', `the trusted list is not trusted: ${input.trustedList.signature.problem}; its certificates are no trust anchors`);
  }

  if (signer === undefined) {
    const matches = checkStatements(checks, input, evidence);
    return report(evidence, signature, provider, 'not reached: the signing certificate could not be identified', matches);
  }

  // An untrusted list's certificates still show where the chain would lead, for the report.
  const path = buildPath(signer, keyInfoCerts, listTrusted ? anchorCertificates(input.trustedList) : listedCertificates(input.trustedList));
  if (path === undefined) {
    checks.fail('CERTIFICATE_CHAIN', 'NO_CERTIFICATE_CHAIN_FOUND', `${signer.issuer} leads to no trust anchor of the trusted list`);
  } else {
    signature.chain = path.path.map((c): CertificateSummary => summarize(c));
    const problems = caProblems(path, bestSignatureTime);
    if (problems.constraints.length > 0) {
      checks.fail('CERTIFICATE_CHAIN', 'CHAIN_CONSTRAINTS_FAILURE', problems.constraints.join('; '));
    } else {
      checks.pass('CERTIFICATE_CHAIN', `${path.path.length} certificates up to ${path.anchor.subject}${listTrusted ? '' : ' (listed in the untrusted list only)'}`);
    }

    const revocation = checkRevocation(
      path,
      [...props.revocationValues.map((r) => ({ ...r, source: 'embedded' as const })), ...(input.revocationData ?? [])],
      { bestSignatureTime, provenByTimestamp: timestampTime !== undefined, claimedSigningTime: props.signingTime, validationTime },
    );
    signature.revocation = revocation.uses;
    if (revocation.failure) checks.fail('REVOCATION', revocation.failure.subIndication, revocation.failure.detail);
    else checks.pass('REVOCATION', revocation.detail);

    // The provider's status is asked at the time of the event the evidence attests.
    const services = servicesOf(input.trustedList, path.anchor);
    const atEvent = services.map((s) => ({ service: s, period: periodAt(s, evidence.eventTime) }));
    const qualified = atEvent.find(
      (x) => x.period !== undefined && QUALIFIED_DELIVERY_TYPES.has(x.period.type) && isPositiveStatus(x.period.status),
    );
    const shown = qualified ?? atEvent[0];
    provider.name = shown?.service.providerName;
    provider.serviceName = shown?.service.serviceName;
    provider.serviceType = shown?.period?.type;
    provider.qualified = qualified !== undefined && listTrusted;
    // A list past its NextUpdate still tells the history it knew; the report says it may be out of date.
    const nextUpdate = input.trustedList.nextUpdate;
    const stale = nextUpdate !== undefined && validationTime > nextUpdate ? ` (the trusted list was due for renewal on ${nextUpdate.toISOString()})` : '';
    if (!listTrusted) {
      checks.skip('TRUST_ANCHOR_QUALIFIED', `not judged: the trusted list is not trusted${qualified ? ` (it claims ${qualified.service.providerName} is a granted qualified service)` : ''}`);
    } else if (qualified !== undefined) {
      checks.pass('TRUST_ANCHOR_QUALIFIED', `${qualified.service.providerName}: qualified service granted at ${evidence.eventTime.toISOString()}${stale}`);
    } else {
      const found = atEvent.map((x) => (x.period ? `${x.period.type} (${x.period.status.split('/').pop()})` : 'not yet listed'));
      checks.fail(
        'TRUST_ANCHOR_QUALIFIED',
        'CHAIN_CONSTRAINTS_FAILURE',
        `the trusted list does not mark the provider as a granted qualified delivery service at the event time: ${found.join(', ')}${stale}`,
      );
    }

    const certWeak: string[] = [];
    const keyProblem = keyWeakness({ type: signer.keyType, bits: signer.keyBits });
    if (keyProblem !== undefined) certWeak.push(`signer ${keyProblem}`);
    for (const c of path.path) {
      if (c !== path.anchor && (c.signatureDigest === undefined || !digestAccepted(c.signatureDigest))) {
        certWeak.push(`${c.subject} signed with ${c.signatureDigest ?? 'an unknown digest'}`);
      }
    }
    if (certWeak.length === 0) checks.pass('CERTIFICATE_ALGORITHMS_ACCEPTED', `signer ${signer.keyType.toUpperCase()} ${signer.keyBits} bits`);
    else checks.fail('CERTIFICATE_ALGORITHMS_ACCEPTED', 'CRYPTO_CONSTRAINTS_FAILURE', certWeak.join('; '));

    if (hasKeyUsage(signer, KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation)) {
      checks.pass('KEY_USAGE', 'the signing certificate allows digital signatures');
    } else {
      checks.fail('KEY_USAGE', 'CHAIN_CONSTRAINTS_FAILURE', 'the signing certificate has no digitalSignature or nonRepudiation key usage');
    }

    const validity = validAt(signer, bestSignatureTime);
    const claimedBefore = props.signingTime !== undefined && props.signingTime < signer.notBefore;
    const when = timestampTime ? `the timestamp time ${timestampTime.toISOString()}` : `the validation time ${validationTime.toISOString()} (no proof of an earlier existence)`;
    if (validity === 'not-yet-valid' || claimedBefore) {
      checks.fail('CERTIFICATE_VALIDITY_AT_SIGNING', 'NOT_YET_VALID', `signed before the certificate's notBefore ${signer.notBefore.toISOString()}`);
    } else if (validity === 'expired') {
      checks.fail('CERTIFICATE_VALIDITY_AT_SIGNING', 'OUT_OF_BOUNDS_NO_POE', `the certificate expired ${signer.notAfter.toISOString()}, before ${when}`);
    } else if (problems.validity.length > 0) {
      checks.fail('CERTIFICATE_VALIDITY_AT_SIGNING', 'OUT_OF_BOUNDS_NO_POE', problems.validity.join('; '));
    } else {
      checks.pass('CERTIFICATE_VALIDITY_AT_SIGNING', `the chain is valid at ${when}`);
    }
  }
  const unreached = path === undefined ? 'not reached: no certification path to the trusted list' : 'not reached';
  return report(evidence, signature, provider, unreached, checkStatements(checks, input, evidence));
}

/**
 * The evidence's own statements: its content digests against the archived bytes, and whom it concerns. Returns,
 * per content part of the evidence, whether archived bytes matched it (undefined when none were given for it).
 */
function checkStatements(checks: ReportBuilder, input: VerifyEvidenceInput, evidence: ErdsEvidence): (boolean | undefined)[] {
  const contents = input.contents ?? [];
  let matches: (boolean | undefined)[] = [];
  if (contents.length === 0) {
    checks.skip('CONTENT_DIGESTS', 'no archived content given');
  } else {
    matches = evidence.contents.map(() => undefined);
    const unmatched: string[] = [];
    for (const content of contents) {
      const digestOf = (i: number): Buffer | undefined => {
        const part = evidence.contents[i]!;
        return part.digest === undefined ? undefined : createHash(part.digest).update(content.bytes).digest();
      };
      const byName = evidence.contents.findIndex((p) => p.name === content.name);
      const index = byName >= 0 ? byName : evidence.contents.findIndex((p, i) => digestOf(i)?.equals(p.value) === true);
      const ok = index >= 0 && digestOf(index)?.equals(evidence.contents[index]!.value) === true;
      if (index >= 0) matches[index] = ok && matches[index] !== false;
      if (!ok) unmatched.push(content.name);
    }
    if (unmatched.length === 0) checks.pass('CONTENT_DIGESTS', `${contents.length} archived documents match the evidence digests`);
    else checks.fail('CONTENT_DIGESTS', 'HASH_FAILURE', `archived bytes do not match the evidence digests: ${unmatched.join(', ')}`);
  }

  const expected = input.expected;
  if (expected?.messageIdentifier === undefined && expected?.recipientIdentifier === undefined) {
    checks.skip('EVIDENCE_CONCERNS_MESSAGE', 'no expected message or recipient given');
  } else {
    const wrong: string[] = [];
    if (expected.messageIdentifier !== undefined && evidence.messageIdentifier !== expected.messageIdentifier) {
      wrong.push(`message ${evidence.messageIdentifier ?? '(none)'} instead of ${expected.messageIdentifier}`);
    }
    if (expected.recipientIdentifier !== undefined && evidence.recipient?.identifier !== expected.recipientIdentifier) {
      wrong.push(`recipient ${evidence.recipient?.identifier ?? '(none)'} instead of ${expected.recipientIdentifier}`);
    }
    if (wrong.length === 0) checks.pass('EVIDENCE_CONCERNS_MESSAGE', 'the evidence is about this message and recipient');
    else checks.fail('EVIDENCE_CONCERNS_MESSAGE', 'SIG_CONSTRAINTS_FAILURE', `the evidence concerns ${wrong.join(' and ')}`);
  }
  return matches;
}
