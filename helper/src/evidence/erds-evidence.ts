// The content of an ETSI EN 319 522-3 XML evidence: which event, when, between whom, about which message and
// which content (a digest per part). Read by namespace URI, whatever prefixes the provider used.
import { DIGEST_METHODS, type DigestName } from './algorithms.ts';
import { childElements, firstChild, textOf } from './safe-xml.ts';
import { DSIG_NS } from './xml-signature.ts';
import type { Party } from '../../../shared/evidence/report.ts';

export const ERDS_NS = 'http://uri.etsi.org/19522/v1#';

export class EvidenceFormatError extends Error {
  override name = 'EvidenceFormatError';
}

export interface ContentPart {
  name: string;
  digestMethod: string;
  digest: DigestName | undefined;
  value: Buffer;
}

export interface ErdsEvidence {
  identifier: string;
  eventUri: string;
  eventTime: Date;
  submissionTime: Date | undefined;
  policyId: string | undefined;
  messageIdentifier: string | undefined;
  issuer: Party | undefined;
  sender: Party | undefined;
  recipient: Party | undefined;
  contents: ContentPart[];
}

function text(root: Element, name: string): string | undefined {
  return textOf(firstChild(root, ERDS_NS, name));
}

function time(root: Element, name: string): Date | undefined {
  const value = text(root, name);
  if (value === undefined) return undefined;
  // xsd:dateTime with an explicit zone: a time without one means nothing in a legal proof.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    throw new EvidenceFormatError(`${name} is not a dateTime with a time zone: ${value}`);
  }
  return new Date(value);
}

function party(root: Element, name: string): Party | undefined {
  const el = firstChild(root, ERDS_NS, name);
  if (el === undefined) return undefined;
  return { name: text(el, 'Name'), identifier: text(el, 'Identifier') };
}

function contentParts(root: Element): ContentPart[] {
  const info = firstChild(root, ERDS_NS, 'UserContentInfo');
  if (info === undefined) return [];
  return childElements(info, ERDS_NS, 'ContentInfo').map((part) => {
    const digest = firstChild(part, ERDS_NS, 'Digest');
    const method = digest && firstChild(digest, DSIG_NS, 'DigestMethod')?.getAttribute('Algorithm');
    const value = textOf(digest && firstChild(digest, DSIG_NS, 'DigestValue'));
    const name = text(part, 'ContentIdentifier');
    if (!method || value === undefined || name === undefined) {
      throw new EvidenceFormatError('a UserContentInfo/ContentInfo lacks ContentIdentifier or its Digest');
    }
    return { name, digestMethod: method, digest: DIGEST_METHODS[method], value: Buffer.from(value.replace(/\s+/g, ''), 'base64') };
  });
}

export function readErdsEvidence(doc: Document): ErdsEvidence {
  const root = doc.documentElement;
  if (root.namespaceURI !== ERDS_NS || root.localName !== 'Evidence') {
    throw new EvidenceFormatError(`the root element is not an EN 319 522-3 Evidence (found {${root.namespaceURI}}${root.localName})`);
  }
  const identifier = text(root, 'EvidenceIdentifier');
  const eventUri = text(root, 'ERDSEventId');
  const eventTime = time(root, 'EventTime');
  if (identifier === undefined || eventUri === undefined || eventTime === undefined) {
    throw new EvidenceFormatError('EvidenceIdentifier, ERDSEventId and EventTime are required');
  }
  const policy = firstChild(root, ERDS_NS, 'EvidenceIssuerPolicyID');
  return {
    identifier,
    eventUri,
    eventTime,
    submissionTime: time(root, 'SubmissionTime'),
    policyId: policy && (text(policy, 'PolicyID') ?? textOf(policy)),
    messageIdentifier: text(root, 'MessageIdentifier'),
    issuer: party(root, 'EvidenceIssuerDetails'),
    sender: party(root, 'SenderDetails'),
    recipient: party(root, 'RecipientDetails'),
    contents: contentParts(root),
  };
}
