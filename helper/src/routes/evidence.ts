// Qualified registered-delivery evidence: verify one (pure, nothing kept), or verify and keep it in the proof store
// linked to its message; list a message's evidences; download an evidence or its PDF report.
import { sha256ToHex } from '../../../shared/digest.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import { archiveEvidenceRequestSchema, type ArchivedEvidenceList } from '../../../shared/evidence/archive.ts';
import { verifyEvidenceRequestSchema, type VerifyEvidenceRequest } from '../../../shared/evidence/report.ts';
import type { HelperContext } from '../context.ts';
import { evidenceArchiveOf } from '../evidence/evidence-archive.ts';
import { parseTrustedList, TrustedListError, type TrustedList } from '../evidence/trusted-list.ts';
import { loadPinnedSigners, loadTrustedList, trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import { verifyEvidenceFetchingRevocation } from '../evidence/revocation-fetch.ts';
import type { EvidenceContent, VerifyEvidenceInput } from '../evidence/verify-evidence.ts';
import { HelperHttpError, parseJsonBody, parseValue } from '../http/errors.ts';

export { EVIDENCE_BODY_LIMIT } from './body-limits.ts';

function trustedListFor(ctx: HelperContext, inline: string | undefined): TrustedList {
  const path = trustedListPath(ctx.dataDir);
  const signerPath = trustedListSignerPath(ctx.dataDir);
  try {
    const list =
      inline !== undefined
        ? parseTrustedList(Buffer.from(inline, 'base64'), loadPinnedSigners(signerPath), signerPath)
        : loadTrustedList(path, signerPath);
    if (list === undefined) {
      throw new HelperHttpError(400, 'bad_request', `no trusted list: send one, or put the TS 119 612 XML at ${path}`, 'trustedList');
    }
    return list;
  } catch (error) {
    if (error instanceof TrustedListError) throw new HelperHttpError(400, 'bad_request', error.message, 'trustedList');
    throw error;
  }
}

async function contentsOf(ctx: HelperContext, contents: VerifyEvidenceRequest['contents']): Promise<EvidenceContent[]> {
  return Promise.all(
    contents.map(async (c, i) => {
      if ('bytes' in c) return { name: c.name, bytes: Buffer.from(c.bytes, 'base64') };
      const hex = sha256ToHex(c.sha256);
      if (!ctx.store.blobs.has(hex)) throw new HelperHttpError(404, 'not_found', `no stored document ${c.sha256}`, `contents.${i}.sha256`);
      return { name: c.name, bytes: await ctx.store.blobs.get(hex) };
    }),
  );
}

async function verificationInput(ctx: HelperContext, body: VerifyEvidenceRequest): Promise<VerifyEvidenceInput> {
  return {
    evidence: Buffer.from(body.evidence, 'base64'),
    trustedList: trustedListFor(ctx, body.trustedList),
    contents: await contentsOf(ctx, body.contents),
    validationTime: body.validationTime ? new Date(body.validationTime) : new Date(),
    expected: body.expected,
  };
}

const leafIndexOf = (raw: string) => parseValue(z.coerce.number().int().nonnegative(), raw, 'path');

export function evidenceRoutes(ctx: HelperContext) {
  const app = new Hono();
  const archive = () => evidenceArchiveOf(ctx.store);

  app.post('/verify', async (c) => {
    const body = await parseJsonBody(c, verifyEvidenceRequestSchema);
    return c.json((await verifyEvidenceFetchingRevocation(await verificationInput(ctx, body))).report);
  });

  app.post('/', async (c) => {
    const body = await parseJsonBody(c, archiveEvidenceRequestSchema);
    const input = await verificationInput(ctx, body);
    // Fetched CRLs the verdict rests on are kept with the evidence, so the verdict can be checked again later.
    const { report, fetched } = await verifyEvidenceFetchingRevocation(input);
    // Whatever a sender's link returned is kept only if it is an evidence at all (a signed one that fails its
    // checks is kept with its verdict: that is proof too); anything else never enters the log.
    const unreadable = report.checks.find((check) => (check.id === 'XML_WELL_FORMED' || check.id === 'EVIDENCE_STRUCTURE') && check.outcome === 'FAILED');
    if (unreadable) throw new HelperHttpError(400, 'bad_request', `not kept: this is not an ETSI EN 319 522 evidence (${unreadable.detail})`, 'evidence');
    return c.json(await archive().archive(body.messageId, input.evidence, input.contents ?? [], report, new Date(), fetched.map((d) => d.bytes)), 201);
  });

  app.get('/', async (c) => {
    const { messageId } = parseValue(z.object({ messageId: z.string().min(1).max(200) }), c.req.query(), 'query');
    return c.json({ items: await archive().listForMessage(messageId) } satisfies ArchivedEvidenceList);
  });

  app.get('/:leafIndex/evidence.xml', async (c) => {
    const bytes = await archive().evidenceBytes(leafIndexOf(c.req.param('leafIndex')));
    if (bytes === undefined) throw new HelperHttpError(404, 'not_found', `no evidence ${c.req.param('leafIndex')}`);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'application/xml' });
  });

  app.get('/:leafIndex/report.pdf', async (c) => {
    const pdf = await archive().reportPdf(leafIndexOf(c.req.param('leafIndex')));
    if (pdf === undefined) throw new HelperHttpError(404, 'not_found', `no evidence ${c.req.param('leafIndex')}`);
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="evidence-report-${c.req.param('leafIndex')}.pdf"`,
    });
  });

  return app;
}
