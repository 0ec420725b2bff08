// The verification report of one ETSI EN 319 522 evidence, shaped after ETSI EN 319 102-1: an indication, a
// sub-indication when it did not pass, and every check the helper made with its own outcome. The helper produces
// it (helper/src/evidence/), the extension's registered-message panel shows it.
import { z } from 'zod';
import { sha256Schema } from '../digest.ts';

export const INDICATIONS = ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'] as const;
export const indicationSchema = z.enum(INDICATIONS);
export type Indication = z.infer<typeof indicationSchema>;

/** EN 319 102-1 sub-indications this verifier can give (TOTAL_FAILED ones first, then INDETERMINATE ones). */
export const SUB_INDICATIONS = [
  'FORMAT_FAILURE',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'NOT_YET_VALID',
  'EXPIRED',
  'REVOKED',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'CHAIN_CONSTRAINTS_FAILURE',
  'CERTIFICATE_CHAIN_GENERAL_FAILURE',
  'CRYPTO_CONSTRAINTS_FAILURE',
  'OUT_OF_BOUNDS_NO_POE',
  'SIG_CONSTRAINTS_FAILURE',
  'TRY_LATER',
  'REVOKED_NO_POE',
  'REVOKED_CA_NO_POE',
] as const;
export const subIndicationSchema = z.enum(SUB_INDICATIONS);
export type SubIndication = z.infer<typeof subIndicationSchema>;

/** The indication each sub-indication belongs to (EN 319 102-1, table 5). */
export const INDICATION_OF: Readonly<Record<SubIndication, Exclude<Indication, 'TOTAL_PASSED'>>> = {
  FORMAT_FAILURE: 'TOTAL_FAILED',
  HASH_FAILURE: 'TOTAL_FAILED',
  SIG_CRYPTO_FAILURE: 'TOTAL_FAILED',
  NOT_YET_VALID: 'TOTAL_FAILED',
  EXPIRED: 'TOTAL_FAILED',
  REVOKED: 'TOTAL_FAILED',
  NO_SIGNING_CERTIFICATE_FOUND: 'INDETERMINATE',
  NO_CERTIFICATE_CHAIN_FOUND: 'INDETERMINATE',
  CHAIN_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  CERTIFICATE_CHAIN_GENERAL_FAILURE: 'INDETERMINATE',
  CRYPTO_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  OUT_OF_BOUNDS_NO_POE: 'INDETERMINATE',
  SIG_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  TRY_LATER: 'INDETERMINATE',
  REVOKED_NO_POE: 'INDETERMINATE',
  REVOKED_CA_NO_POE: 'INDETERMINATE',
};

/** Every check, in the order the verifier runs them (the report lists them in this order). */
export const CHECK_IDS = [
  'XML_WELL_FORMED',
  'EVIDENCE_STRUCTURE',
  'SIGNATURE_STRUCTURE',
  'SIGNATURE_ALGORITHMS_ACCEPTED',
  'REFERENCE_DIGESTS',
  'SIGNING_CERTIFICATE_BINDING',
  'SIGNATURE_VALUE',
  'TRUSTED_LIST',
  'SIGNATURE_TIMESTAMP',
  'CERTIFICATE_CHAIN',
  'TRUST_ANCHOR_QUALIFIED',
  'CERTIFICATE_ALGORITHMS_ACCEPTED',
  'KEY_USAGE',
  'CERTIFICATE_VALIDITY_AT_SIGNING',
  'REVOCATION',
  'CONTENT_DIGESTS',
  'EVIDENCE_CONCERNS_MESSAGE',
] as const;
export const checkIdSchema = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof checkIdSchema>;

export const checkOutcomeSchema = z.enum(['PASSED', 'FAILED', 'NOT_CHECKED']);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const checkSchema = z.object({
  id: checkIdSchema,
  outcome: checkOutcomeSchema,
  /** Set when the check FAILED: the sub-indication that failure gives. */
  subIndication: subIndicationSchema.optional(),
  /** One plain sentence saying what was found. */
  detail: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

/** ERDS event URIs of ETSI EN 319 522-2 that the panel names (others are shown as their URI). */
export const ERDS_EVENTS = {
  'http://uri.etsi.org/19522/Event/SubmissionAcceptance': 'submission',
  'http://uri.etsi.org/19522/Event/SubmissionRejection': 'submission-rejected',
  'http://uri.etsi.org/19522/Event/ConsignmentNotification': 'consignment-notified',
  'http://uri.etsi.org/19522/Event/ContentConsignment': 'consignment',
  'http://uri.etsi.org/19522/Event/ContentConsignmentFailure': 'consignment-failed',
  'http://uri.etsi.org/19522/Event/ContentHandover': 'handover',
  'http://uri.etsi.org/19522/Event/ContentHandoverFailure': 'handover-failed',
} as const;
export type ErdsEventName = (typeof ERDS_EVENTS)[keyof typeof ERDS_EVENTS];

const isoDateTime = z.iso.datetime({ offset: true });

export const partySchema = z.object({
  name: z.string().optional(),
  /** The party's identifier, e.g. a CBE number or an e-mail address. */
  identifier: z.string().optional(),
});
export type Party = z.infer<typeof partySchema>;

export const contentPartSchema = z.object({
  /** Name of the part as the evidence gives it (ContentInfo/ContentIdentifier or the file name). */
  name: z.string(),
  digestAlgorithm: z.string(),
  /** The digest the evidence states, base64. */
  digest: z.string(),
  /** Whether the archived bytes matched; absent when no bytes were given for this part. */
  matches: z.boolean().optional(),
});

export const certificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: isoDateTime,
  notAfter: isoDateTime,
  sha256: z.string(),
});
export type CertificateSummary = z.infer<typeof certificateSummarySchema>;

/** The revocation status data one certificate of a chain was judged with (EN 319 102-1 5.2.5, 5.2.6). */
export const revocationUseSchema = z.object({
  /** Subject of the certificate whose status was asked. */
  certificate: z.string(),
  status: z.enum(['good', 'revoked', 'unknown']),
  /** Where the data came from: inside the evidence (XAdES RevocationValues) or fetched from the URL. */
  source: z.enum(['embedded', 'fetched']),
  kind: z.enum(['CRL', 'OCSP']),
  url: z.string().optional(),
  /** thisUpdate of the CRL, or producedAt of the OCSP response. */
  issuedAt: isoDateTime,
  nextUpdate: isoDateTime.optional(),
  revokedAt: isoDateTime.optional(),
  /** SHA-256 (hex) of the CRL or OCSP response bytes, as kept in the proof store. */
  sha256: z.string(),
});
export type RevocationUse = z.infer<typeof revocationUseSchema>;

export const evidenceReportSchema = z.object({
  indication: indicationSchema,
  subIndication: subIndicationSchema.optional(),
  checks: z.array(checkSchema),
  evidence: z.object({
    identifier: z.string().optional(),
    /** ERDSEventId URI. */
    eventUri: z.string().optional(),
    event: z.string().optional(),
    eventTime: isoDateTime.optional(),
    submissionTime: isoDateTime.optional(),
    messageIdentifier: z.string().optional(),
    policyId: z.string().optional(),
    issuer: partySchema.optional(),
    sender: partySchema.optional(),
    recipient: partySchema.optional(),
    contents: z.array(contentPartSchema),
  }),
  signature: z.object({
    level: z.enum(['XAdES-B-B', 'XAdES-B-T', 'XAdES-B-LT']).optional(),
    algorithm: z.string().optional(),
    claimedSigningTime: isoDateTime.optional(),
    /** genTime of a valid signature timestamp: the proof of existence of the signature. */
    timestampTime: isoDateTime.optional(),
    /** The time certificate validity was judged at: the timestamp's time, else the validation time. */
    bestSignatureTime: isoDateTime.optional(),
    signer: certificateSummarySchema.optional(),
    chain: z.array(certificateSummarySchema),
    /** The revocation data the chain was judged with (none when it was not reached or none was found). */
    revocation: z.array(revocationUseSchema).optional(),
  }),
  provider: z.object({
    /** Name of the trust service provider in the trusted list. */
    name: z.string().optional(),
    serviceName: z.string().optional(),
    serviceType: z.string().optional(),
    /** True when the trusted list marks the service qualified (EDS/REM/Q or EDS/Q) and granted at the evidence time. */
    qualified: z.boolean(),
  }),
  /** The trusted list the verdict rests on. */
  trustedList: z.object({
    territory: z.string().optional(),
    issued: isoDateTime.optional(),
    nextUpdate: isoDateTime.optional(),
    /** Subject of the scheme operator certificate that signed the list; absent when no known key verifies it. */
    signedBy: z.string().optional(),
    /** True when that certificate is a pinned one (configured, or published by the EU list of trusted lists). */
    signerPinned: z.boolean(),
    /** Where the pinned certificates came from. */
    pinnedBy: z.string().optional(),
    /** Why the list is not trusted (absent when it is): its certificates then anchor nothing. */
    problem: z.string().optional(),
  }),
  validationTime: isoDateTime,
  /** SHA-256 of the evidence bytes (shared/digest.ts), to find it again in the proof store. */
  evidenceSha256: sha256Schema,
});
export type EvidenceReport = z.infer<typeof evidenceReportSchema>;

/** POST /evidence/verify: the evidence and the documents it covers, as base64. */
export const verifyEvidenceRequestSchema = z.object({
  evidence: z.base64().max(8_000_000),
  /** The trusted list to judge against; the helper's configured list when absent. */
  trustedList: z.base64().max(16_000_000).optional(),
  /** Each archived document as its bytes, or as the SHA-256 (base64url) it was stored under by POST /documents. */
  contents: z
    .array(
      z.union([
        z.object({ name: z.string().min(1).max(255), bytes: z.base64() }),
        z.object({ name: z.string().min(1).max(255), sha256: sha256Schema }),
      ]),
    )
    .max(20)
    .default([]),
  validationTime: isoDateTime.optional(),
  expected: z
    .object({
      messageIdentifier: z.string().max(400).optional(),
      recipientIdentifier: z.string().max(400).optional(),
    })
    .optional(),
});
export type VerifyEvidenceRequest = z.infer<typeof verifyEvidenceRequestSchema>;
