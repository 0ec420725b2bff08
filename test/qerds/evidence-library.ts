// The library of sandbox evidences, good and bad, each with the EN 319 102-1 indication and sub-indication the
// verifier must give. Tests, the benchmark and the CLI's demo use it; every case is built from a real signature
// (bad ones are signed wrongly or altered after signing), none is a hand-written report.
import type { Indication, SubIndication } from '../../shared/evidence/report.ts';
import { evidenceXml, issueEvidence, signEvidence, type EvidenceSpec, type SigningOptions } from './evidence-issuer.ts';
import { crlOf, qerdsPki, type Issued, type QerdsPki } from './pki.ts';
import { SANDBOX_QERDS_PARTY } from './provider.ts';
import { trustedListXml } from './trusted-list.ts';

/** "Now" for every case: after all events, before any sandbox certificate but the expired one runs out. */
export const VALIDATION_TIME = new Date('2026-11-23T12:00:00Z');
export const RECIPIENT = { name: 'Brasserie Exemple SRL', identifier: '0123456789' };
export const OTHER_RECIPIENT = { name: 'Autre Entreprise SA', identifier: '0987654321' };
export const MESSAGE_ID = 'QRM-2026-000123';

export const DOCUMENTS = [
  { name: 'mise-en-demeure.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.7 sandbox notice of default\n') },
  { name: 'annexe-1.xml', mediaType: 'application/xml', bytes: new TextEncoder().encode('<annexe>montant: 1250,00 EUR</annexe>') },
];

export interface EvidenceCase {
  name: string;
  evidence: Uint8Array;
  contents?: { name: string; bytes: Uint8Array }[];
  expected?: { messageIdentifier?: string; recipientIdentifier?: string };
  requireTimestamp?: boolean;
  indication: Indication;
  subIndication?: SubIndication;
  /** Whether the XML signature's cryptography (references and value) holds, as xmlsec1 should also find. */
  cryptoIntact: boolean | undefined;
}

export interface EvidenceLibrary {
  pki: QerdsPki;
  trustedList: Uint8Array;
  good: EvidenceCase[];
  bad: EvidenceCase[];
}

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

export function handoverSpec(overrides: Partial<EvidenceSpec> = {}): EvidenceSpec {
  return {
    event: 'handover',
    identifier: `${MESSAGE_ID}-handover`,
    messageIdentifier: MESSAGE_ID,
    eventTime: new Date('2026-11-18T10:15:00Z'),
    submissionTime: new Date('2026-11-16T09:00:00Z'),
    issuer: SANDBOX_QERDS_PARTY,
    sender: { name: 'Office national de sécurité sociale', identifier: '0206731645' },
    recipient: RECIPIENT,
    contents: DOCUMENTS,
    ...overrides,
  };
}

function replaceOnce(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`evidence library: ${String(from)} not found`);
  return out;
}

async function build(): Promise<EvidenceLibrary> {
  const pki = await qerdsPki();
  const bt = (extra: Partial<SigningOptions> = {}): SigningOptions => ({
    signer: pki.evidenceSigner, chain: [pki.issuingCa], level: 'B-T', tsa: pki.tsa, ...extra,
  });
  // Every evidence carries its issuing CA and a CRL of it issued a second after the timestamp (XAdES B-LT), as the
  // provider's do; `revoked` lists seals that CRL revokes, `withoutRevocation` leaves the data out.
  const revocationFor = async (spec: EvidenceSpec, options: SigningOptions, revoked: { cert: Issued; at: Date }[] = []) => {
    const chain = options.chain ?? [];
    const sealedAt = options.timestampTime ?? new Date(spec.eventTime.getTime() + 2_000);
    return { certificates: chain, crls: [await crlOf(chain[0] ?? pki.issuingCa, new Date(sealedAt.getTime() + 1_000), revoked)] };
  };
  const issue = async (spec: EvidenceSpec, options: SigningOptions, revoked?: { cert: Issued; at: Date }[]) =>
    issueEvidence(spec, { ...options, revocation: await revocationFor(spec, options, revoked) });
  const withDocs = { contents: DOCUMENTS.map((d) => ({ name: d.name, bytes: d.bytes })), expected: { messageIdentifier: MESSAGE_ID, recipientIdentifier: RECIPIENT.identifier } };
  const good = await issue(handoverSpec(), bt());
  const submission = await issue(handoverSpec({ event: 'submission', identifier: `${MESSAGE_ID}-submission`, eventTime: new Date('2026-11-16T09:00:01Z') }), bt());
  const bb = await issue(handoverSpec(), bt({ level: 'B-B' }));
  const ok = (name: string, xml: string, extra: Partial<EvidenceCase> = {}): EvidenceCase => ({
    name, evidence: encode(xml), ...withDocs, indication: 'TOTAL_PASSED', cryptoIntact: true, ...extra,
  });
  const bad = (name: string, xml: string | Uint8Array, indication: Indication, subIndication: SubIndication, cryptoIntact: boolean | undefined, extra: Partial<EvidenceCase> = {}): EvidenceCase => ({
    name, evidence: typeof xml === 'string' ? encode(xml) : xml, ...withDocs, indication, subIndication, cryptoIntact, ...extra,
  });

  const digest = /<ds:DigestValue>([^<]+)<\/ds:DigestValue><\/ev:Digest>/;
  const firstContentDigest = digest.exec(good)![1]!;
  const alteredDigest = firstContentDigest.startsWith('A') ? 'B' + firstContentDigest.slice(1) : 'A' + firstContentDigest.slice(1);
  const signatureValue = /<ds:SignatureValue>([^<]{8})/.exec(good)![1]!;
  const flipped = signatureValue.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  const otherSignature = await issue(handoverSpec({ identifier: 'another' }), bt());
  const foreignTimestamp = /<xades:EncapsulatedTimeStamp>([^<]+)</.exec(otherSignature)![1]!;
  const tamperedContents = [{ name: DOCUMENTS[0]!.name, bytes: encode('%PDF-1.7 sandbox notice of default, amended\n') }];

  return {
    pki,
    trustedList: encode(await trustedListXml(pki)),
    good: [
      ok('handover B-T', good),
      ok('submission B-T', submission),
      ok('handover B-B accepted without timestamp', bb, { requireTimestamp: false }),
      ok('handover B-T without content or expectations', good, { contents: undefined, expected: undefined }),
      ok('handover B-T sealed with ECDSA P-256', await issue(handoverSpec(), bt({ signer: pki.ecSigner }))),
      ok('B-B policy: a non-qualified timestamp still proves existence', await issue(handoverSpec(), bt({ tsa: pki.nonQualifiedTsa })), { requireTimestamp: false }),
      ok('seal revoked after the timestamp proved the signature', await issue(handoverSpec(), bt({ signer: pki.revokedSigner, timestampTime: new Date('2026-11-18T10:15:01Z') }), [{ cert: pki.revokedSigner, at: new Date('2026-11-18T10:15:02Z') }])),
      ok('handover B-T with an XML declaration', await signEvidence(`<?xml version="1.0" encoding="UTF-8"?>\n${evidenceXml(handoverSpec())}`, { ...bt(), revocation: await revocationFor(handoverSpec(), bt()) }, handoverSpec().eventTime)),
    ],
    bad: [
      bad('altered content digest', replaceOnce(good, firstContentDigest, alteredDigest), 'TOTAL_FAILED', 'HASH_FAILURE', false),
      bad('altered evidence (event time)', replaceOnce(good, '<ev:EventTime>2026-11-18T10:15:00.000Z', '<ev:EventTime>2026-11-17T10:15:00.000Z'), 'TOTAL_FAILED', 'HASH_FAILURE', false),
      bad('altered signed properties (signing time)', replaceOnce(good, /<xades:SigningTime>2026-11-18/, '<xades:SigningTime>2026-11-17'), 'TOTAL_FAILED', 'HASH_FAILURE', false),
      bad('altered signature value', replaceOnce(good, `<ds:SignatureValue>${signatureValue}`, `<ds:SignatureValue>${flipped}`), 'TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', false),
      bad('archived content altered', good, 'TOTAL_FAILED', 'HASH_FAILURE', true, { contents: tamperedContents }),
      bad('wrong signer (impostor key, provider certificate)', await issue(handoverSpec(), bt({ signingKey: pki.impostorKeys.privateKey })), 'TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', false),
      bad('signing certificate not the one signed for', await issue(handoverSpec(), bt({ signer: pki.nonQualifiedSigner, chain: [pki.nonQualifiedCa], boundCertificate: pki.evidenceSigner })), 'INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', true),
      bad('expired certificate', await issue(handoverSpec(), bt({ signer: pki.expiredSigner })), 'INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE', true),
      bad('certificate not yet valid', await issue(handoverSpec(), bt({ signer: pki.notYetValidSigner })), 'TOTAL_FAILED', 'NOT_YET_VALID', true),
      bad('unknown CA', await issue(handoverSpec(), bt({ signer: pki.unknownSigner, chain: [pki.unknownRoot] })), 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', true),
      bad('provider not qualified in the trusted list', await issue(handoverSpec(), bt({ signer: pki.nonQualifiedSigner, chain: [pki.nonQualifiedCa] })), 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE', true),
      bad('provider qualification withdrawn before the event', await issue(handoverSpec(), bt({ signer: pki.withdrawnSigner, chain: [pki.withdrawnCa] })), 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE', true),
      bad('missing timestamp', bb, 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', true),
      bad('timestamp of another signature', replaceOnce(good, /<xades:EncapsulatedTimeStamp>[^<]+</, `<xades:EncapsulatedTimeStamp>${foreignTimestamp}<`), 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', true),
      bad('timestamp before the event it attests', await issue(handoverSpec(), bt({ timestampTime: new Date('2026-11-18T09:15:00Z') })), 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', true),
      bad('timestamp by a non-qualified TSA', await issue(handoverSpec(), bt({ tsa: pki.nonQualifiedTsa })), 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', true),
      bad('TSA without critical timeStamping purpose', await issue(handoverSpec(), bt({ tsa: pki.tsaWithoutCriticalEku })), 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', true),
      bad('evidence about another recipient', await issue(handoverSpec({ recipient: OTHER_RECIPIENT }), bt()), 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', true),
      bad('evidence about another message', good, 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE', true, { expected: { messageIdentifier: 'QRM-2026-999999' } }),
      bad('SHA-1', await issue(handoverSpec(), bt({ signer: pki.sha1Signer, hash: 'SHA-1' })), 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', true),
      bad('RSA-1024 signer', await issue(handoverSpec(), bt({ signer: pki.weakKeySigner })), 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE', true),
      bad('chain without revocation data', await issueEvidence(handoverSpec(), bt()), 'INDETERMINATE', 'TRY_LATER', true),
      bad('seal revoked before it signed', await issue(handoverSpec(), bt({ signer: pki.revokedSigner }), [{ cert: pki.revokedSigner, at: new Date('2026-11-01T00:00:00Z') }]), 'TOTAL_FAILED', 'REVOKED', true),
      bad('CRL forged in the CA\'s name', await issueEvidence(handoverSpec(), { ...bt(), revocation: { certificates: [pki.issuingCa], crls: [await crlOf({ ...pki.issuingCa, keys: pki.impostorKeys }, new Date('2026-11-18T10:15:03Z'))] } }), 'INDETERMINATE', 'TRY_LATER', true),
      bad('malformed XML', good.slice(0, good.length - 20), 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
      bad('not UTF-8', new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e]), 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
      bad('external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE ev [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + good.replace('<ev:Version>1', '<ev:Version>&xxe;'), 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
      bad('entity expansion bomb', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`, 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
      bad('not an EN 319 522 evidence', good.replaceAll('http://uri.etsi.org/19522/v1#', 'urn:example:not-erds'), 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
      bad('signature wrapping (duplicate Id)', replaceOnce(good, '</ev:Evidence>', `<ev:Extension><xades:SignedProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Id="${/SignedProperties Id="([^"]+)"/.exec(good)![1]}"/></ev:Extension></ev:Evidence>`), 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
      bad('signature not covering the evidence', replaceOnce(good, /<ds:Reference Id="evidence-ref" URI="">.*?<\/ds:Reference>/, ''), 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
      bad('unsigned evidence', evidenceXml(handoverSpec()), 'TOTAL_FAILED', 'FORMAT_FAILURE', undefined),
    ],
  };
}

let library: Promise<EvidenceLibrary> | undefined;

export function evidenceLibrary(): Promise<EvidenceLibrary> {
  library ??= build();
  return library;
}

