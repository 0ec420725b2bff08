// Revocation data the evidence does not carry, fetched from the CRL distribution points its certificates name, for
// verifyEvidence to use. Runs only when the evidence's own data left the status unknown (TRY_LATER), fails fast and
// quietly when there is no network (a short timeout per URL, an error is just "not fetched"), and never follows
// redirects to non-HTTP schemes. OCSP is not asked online: providers embed OCSP responses (XAdES B-LT) when they use
// them, and CRLs cover what is left.
import { createHash } from 'node:crypto';
import { parseCertificate, CertificateError } from './certificate.ts';
import type { RevocationData } from './revocation.ts';
import { parseXmlSafely, XmlFormatError } from './safe-xml.ts';
import { readXadesProperties } from './xades-properties.ts';
import { readSignature, SignatureFormatError } from './xml-signature.ts';
import { verifyEvidence, type VerifyEvidenceInput } from './verify-evidence.ts';
import type { EvidenceReport } from '../../../shared/evidence/report.ts';

export interface RevocationFetchOptions {
  fetch?: typeof fetch;
  /** Per URL; the whole fetch is bounded by it times the number of URLs (a handful). */
  timeoutMs?: number;
  /** CRLs larger than this are not read (real ones are up to a few megabytes). */
  maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 4_000;
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const MAX_URLS = 8;

/** The http(s) CRL URLs named by the certificates an evidence carries (KeyInfo and CertificateValues). */
export function crlUrlsOf(evidence: Uint8Array): string[] {
  try {
    const sig = readSignature(parseXmlSafely(evidence));
    const ders = [...sig.keyInfoCertificates, ...readXadesProperties(sig).certificateValues];
    const urls = new Set<string>();
    for (const der of ders) {
      try {
        for (const url of parseCertificate(der).crlUrls) urls.add(url);
      } catch (error) {
        if (!(error instanceof CertificateError)) throw error;
      }
    }
    return [...urls].slice(0, MAX_URLS);
  } catch (error) {
    if (error instanceof XmlFormatError || error instanceof SignatureFormatError) return [];
    throw error;
  }
}

export interface FetchedRevocation {
  data: RevocationData[];
  /** One line per URL that could not be fetched, with the reason. */
  failures: string[];
}

export async function fetchCrls(urls: readonly string[], options: RevocationFetchOptions = {}): Promise<FetchedRevocation> {
  const fetchImpl = options.fetch ?? fetch;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const results = await Promise.all(
    urls.map(async (url): Promise<RevocationData | string> => {
      try {
        const res = await fetchImpl(url, { redirect: 'error', signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
        if (!res.ok) return `${url}: HTTP ${res.status}`;
        const length = Number(res.headers.get('content-length') ?? 0);
        if (length > maxBytes) return `${url}: ${length} bytes, more than ${maxBytes}`;
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (bytes.length > maxBytes) return `${url}: more than ${maxBytes} bytes`;
        return { kind: 'CRL', bytes, source: 'fetched', url };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return `${url}: ${cause ?? (error as Error).name}`;
      }
    }),
  );
  return {
    data: results.filter((r): r is RevocationData => typeof r !== 'string'),
    failures: results.filter((r): r is string => typeof r === 'string'),
  };
}

/**
 * verifyEvidence, then, when the chain's revocation status is still unknown, once more with the CRLs its
 * certificates point to. Returns the report and the fetched data it used (to keep with the evidence).
 */
export async function verifyEvidenceFetchingRevocation(
  input: VerifyEvidenceInput,
  options: RevocationFetchOptions = {},
): Promise<{ report: EvidenceReport; fetched: RevocationData[] }> {
  const first = verifyEvidence(input);
  const revocation = first.checks.find((c) => c.id === 'REVOCATION');
  if (revocation?.subIndication !== 'TRY_LATER') return { report: first, fetched: [] };
  const urls = crlUrlsOf(input.evidence);
  if (urls.length === 0) return { report: first, fetched: [] };
  const { data, failures } = await fetchCrls(urls, options);
  const report = verifyEvidence({ ...input, revocationData: [...(input.revocationData ?? []), ...data] });
  const check = report.checks.find((c) => c.id === 'REVOCATION');
  if (check && failures.length > 0 && check.outcome === 'FAILED') check.detail += ` (not fetched: ${failures.join('; ')})`;
  const used = new Set((report.signature.revocation ?? []).filter((u) => u.source === 'fetched').map((u) => u.sha256));
  return { report, fetched: data.filter((d) => used.has(createHash('sha256').update(d.bytes).digest('hex'))) };
}
