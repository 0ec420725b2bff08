// verify-bundle's logic: everything an auditor needs checked, from the bundle file alone. The container (zip
// profile, mimetype, manifest digests: asic-container.ts), the CAdES-B-T signature over the manifest, bundle.json
// and every file it names, each document against the digest the e-Box published, each receipt (signature,
// message, documents, inclusion proof against the signed checkpoint) and each QERDS evidence. Each failure names
// its file; the indication is TOTAL_FAILED if any check failed, INDETERMINATE if one could not be completed.
import { z } from 'zod';
import { bundleIndexSchema, bundleMessageSchema, type BundleIndex, type BundleMessage } from '../../../shared/bundle/bundle-index.ts';
import { INDEX_PATH, MANIFEST_PATH, REPORT_PATH, SIGNATURE_PATH } from '../../../shared/bundle/layout.ts';
import type { BundleCheck, BundleVerification } from '../../../shared/bundle/verification.ts';
import { openContainer, type ContainerProgress } from './asic-container.ts';
import { verifyDetachedCades } from './cades-verify.ts';
import { parseTrustedList, type TrustedList } from '../evidence/trusted-list.ts';
import { checkCheckpoint, checkEvidence, checkReceipt, MAX_EVIDENCE_CONTENT, type ProofContext } from './proof-checks.ts';
import type { ZipLimits } from './safe-zip.ts';
import { DEVELOPMENT_SUBJECT_MARK } from '../identity/identity.ts';
import { messages, type Language } from '../i18n/catalogue.ts';

export interface VerifyBundleOptions {
  /** Pinned certificates (DER): the bundle and receipt signers must be, or chain to, one of them. */
  trusted?: Uint8Array[];
  /** The auditor's own trusted list for QERDS evidences; otherwise the one carried in the bundle is used. */
  trustedList?: TrustedList;
  limits?: ZipLimits;
  onProgress?: (p: ContainerProgress) => void;
  now?: Date;
  /** The language of the verdict's own messages (the trust verdict); default English. */
  language?: Language;
}

const MAX_SMALL_FILE = 16 * 2 ** 20;
/** bundle.json of 20,000 messages with several documents and receipts each stays well under this. */
export const MAX_INDEX_FILE = 96 * 2 ** 20;

const indexHeadSchema = bundleIndexSchema.extend({ messages: z.array(z.unknown()) });

/**
 * bundle.json checked against its schema one message at a time, each raw message let go once checked: zod returns
 * a checked copy, and a copy of a whole index of 20,000 messages would double what the verifier holds.
 */
function readIndex(bytes: Buffer): BundleIndex {
  const raw = indexHeadSchema.parse(JSON.parse(bytes.toString('utf8')));
  const messages: BundleMessage[] = [];
  for (let i = 0; i < raw.messages.length; i++) {
    const checked = bundleMessageSchema.safeParse(raw.messages[i]);
    raw.messages[i] = undefined;
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new z.ZodError([{ ...issue, path: ['messages', i, ...issue.path] }]);
    }
    messages.push(checked.data);
  }
  return { ...raw, messages };
}

export async function verifyBundle(path: string, options: VerifyBundleOptions = {}): Promise<BundleVerification> {
  const container = await openContainer(path, {
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const problems: BundleCheck[] = [...container.problems];
  const passed: Record<string, number> = { ...container.passed };
  const record = (c: BundleCheck) => {
    if (c.status === 'passed') passed[c.check] = (passed[c.check] ?? 0) + 1;
    else problems.push(c);
  };
  const trusted = options.trusted && options.trusted.length > 0 ? options.trusted : undefined;
  const say = messages(options.language ?? 'en');
  let signer: BundleVerification['signer'];
  let index: BundleIndex | undefined;
  let totalBytes = 0;

  try {
    if (container.manifestBytes && container.signatureBytes) {
      const result = await verifyDetachedCades(container.signatureBytes, container.manifestBytes, { requireTimestamp: true, ...(trusted ? { trusted } : {}) });
      if (result.signer) {
        signer = {
          subject: result.signer.subject,
          sha256Fingerprint: result.signer.sha256Fingerprint,
          pinned: result.pinned === true,
          ...(result.timestamp ? { signedAt: result.timestamp.genTime.toISOString() } : {}),
        };
      }
      for (const p of result.problems) {
        // Only a message-digest mismatch blames the manifest; anything else is wrong in the signature file.
        const file = /message digest does not match/.test(p) ? MANIFEST_PATH : SIGNATURE_PATH;
        record({ file, check: /timestamp/.test(p) ? 'timestamp' : 'signature', status: 'failed', message: p });
      }
      if (result.valid) {
        record({ file: SIGNATURE_PATH, check: 'signature', status: 'passed', message: '' });
        if (result.timestamp) record({ file: SIGNATURE_PATH, check: 'timestamp', status: 'passed', message: '' });
      }
      // Without a pinned certificate nothing says who the signer is: a valid signature by anyone is not a
      // verdict (EN 319 102-1 INDETERMINATE, NO_CERTIFICATE_CHAIN_FOUND).
      if (result.signer && !trusted) {
        const development = result.signer.subject.includes(DEVELOPMENT_SUBJECT_MARK);
        record({
          file: SIGNATURE_PATH,
          check: 'trust',
          status: 'indeterminate',
          message: development ? say.developmentSigner : say.untrustedSigner(result.signer.sha256Fingerprint),
        });
      }
    }

    if (container.verified.has(INDEX_PATH)) {
      try {
        index = readIndex(await container.read(INDEX_PATH, MAX_INDEX_FILE));
        record({ file: INDEX_PATH, check: 'index', status: 'passed', message: '' });
      } catch (err) {
        const e = err as Error;
        const message = err instanceof z.ZodError ? `${err.issues[0]?.path.join('.')}: ${err.issues[0]?.message}` : e.message;
        record({ file: INDEX_PATH, check: 'index', status: 'failed', message: `not a valid bundle index: ${message}` });
      }
    } else if (!problems.some((p) => p.file === INDEX_PATH)) {
      record({ file: INDEX_PATH, check: 'index', status: 'failed', message: 'missing' });
    }
    if (!container.verified.has(REPORT_PATH) && !problems.some((p) => p.file === REPORT_PATH)) {
      record({ file: REPORT_PATH, check: 'index', status: 'failed', message: 'missing' });
    }
    if (container.manifest) totalBytes = container.fileSize;

    if (index) {
      const digests = new Map(container.manifest?.references.map((r) => [r.path, Buffer.from(r.sha256).toString('base64url')]) ?? []);
      /** A named file must exist and have matched its digest; otherwise its own problem is already recorded. */
      const usable = (file: string, kind: string): boolean => {
        if (container.verified.has(file)) return true;
        if (!problems.some((p) => p.file === file)) record({ file, check: kind, status: 'failed', message: 'named in bundle.json but missing from the bundle' });
        return false;
      };
      const ctx: ProofContext = { ...(trusted ? { trusted } : {}), ...(options.now ? { now: options.now } : {}) };
      if (options.trustedList) {
        ctx.trustedList = options.trustedList;
      } else if (index.trustedList && usable(index.trustedList, 'trusted-list')) {
        try {
          ctx.trustedList = parseTrustedList(await container.read(index.trustedList, 64 * 2 ** 20));
          record({ file: index.trustedList, check: 'trusted-list', status: 'warning', message: 'QERDS evidences judged against the trusted list carried in the bundle: pass --trusted-list to use your own copy' });
        } catch (err) {
          record({ file: index.trustedList, check: 'trusted-list', status: 'failed', message: `unreadable trusted list: ${(err as Error).message}` });
        }
      }
      if (index.checkpoint && usable(index.checkpoint, 'checkpoint')) {
        const opened = checkCheckpoint(index.checkpoint, await container.read(index.checkpoint, MAX_SMALL_FILE));
        opened.checks.forEach(record);
        if (opened.checkpoint) ctx.checkpoint = opened.checkpoint;
      } else if (!index.checkpoint && index.messages.some((m) => m.receipts.length > 0)) {
        record({ file: INDEX_PATH, check: 'checkpoint', status: 'failed', message: 'receipts without a checkpoint to prove them against' });
      }

      for (const m of index.messages) {
        if (usable(m.metadata, 'index')) {
          try {
            const meta = JSON.parse((await container.read(m.metadata, MAX_SMALL_FILE)).toString('utf8')) as { messageId?: unknown };
            record(meta.messageId === m.messageId
              ? { file: m.metadata, check: 'metadata', status: 'passed', message: '' }
              : { file: m.metadata, check: 'metadata', status: 'failed', message: `describes message ${String(meta.messageId)}, not ${m.messageId}` });
          } catch (err) {
            record({ file: m.metadata, check: 'metadata', status: 'failed', message: `not JSON: ${(err as Error).message}` });
          }
        }
        const shas = new Set<string>();
        for (const d of m.documents) {
          if (!usable(d.path, 'document')) continue;
          const sha = digests.get(d.path)!;
          shas.add(sha);
          if (d.eboxDigest && d.eboxDigest.replace(/=+$/, '') !== sha) {
            record({ file: d.path, check: 'document-digest', status: 'failed', message: 'differs from the SHA-256 the e-Box published for this document' });
          } else if (d.sha256 && d.sha256 !== sha) {
            record({ file: d.path, check: 'document-digest', status: 'failed', message: 'differs from the SHA-256 recorded when the document was archived' });
          } else {
            record({ file: d.path, check: 'document-digest', status: 'passed', message: '' });
          }
        }
        for (const r of m.receipts) {
          if (![r.receipt, r.signature, r.proof, ...(r.pdf ? [r.pdf] : [])].map((f) => usable(f, 'receipt')).every(Boolean)) continue;
          const checked = await checkReceipt(
            {
              receiptPath: r.receipt,
              receipt: await container.read(r.receipt, MAX_SMALL_FILE),
              signaturePath: r.signature,
              signature: await container.read(r.signature, MAX_SMALL_FILE),
              proofPath: r.proof,
              proof: await container.read(r.proof, MAX_SMALL_FILE),
            },
            m.messageId,
            shas,
            ctx,
          );
          checked.checks.forEach(record);
        }
        let contents: { name: string; bytes: Uint8Array }[] | undefined;
        for (const e of m.evidences) {
          const named = [e.path, e.report, e.leaf, e.proof, ...(e.reportPdf ? [e.reportPdf] : [])];
          if (!named.map((f) => usable(f, 'evidence')).every(Boolean)) continue;
          if (!contents) {
            contents = [];
            for (const d of m.documents.filter((doc) => container.verified.has(doc.path))) {
              // Documents too large to hold are left out: the evidence then reports them as not compared.
              const bytes = await container.read(d.path, MAX_EVIDENCE_CONTENT).catch(() => undefined);
              if (bytes) contents.push({ name: d.fileName, bytes });
            }
          }
          const checked = checkEvidence(
            {
              evidencePath: e.path,
              evidence: await container.read(e.path, MAX_SMALL_FILE),
              reportPath: e.report,
              report: await container.read(e.report, MAX_SMALL_FILE),
              leafPath: e.leaf,
              leaf: await container.read(e.leaf, MAX_SMALL_FILE),
              proofPath: e.proof,
              proof: await container.read(e.proof, MAX_SMALL_FILE),
            },
            m.messageId,
            contents,
            ctx,
          );
          checked.checks.forEach(record);
        }
      }
    }
  } finally {
    await container.close();
  }

  const failed = problems.some((p) => p.status === 'failed');
  const indeterminate = problems.some((p) => p.status === 'indeterminate');
  return {
    format: 'ebox-keeper-bundle-verification/1',
    bundle: path,
    verifiedAt: (options.now ?? new Date()).toISOString(),
    indication: failed ? 'TOTAL_FAILED' : indeterminate ? 'INDETERMINATE' : 'TOTAL_PASSED',
    ...(signer ? { signer } : {}),
    counts: { files: container.manifest?.references.length ?? 0, bytes: totalBytes, messages: index?.messages.length ?? 0 },
    passed,
    withoutProof: (index?.messages ?? []).filter((m) => m.receipts.length === 0 && m.evidences.length === 0).map((m) => m.messageId),
    problems,
  };
}
