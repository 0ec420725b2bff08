// Acknowledgements of receipt: create, look up, list by message, download (JSON, .p7s, signed PDF, .p7m, .zip),
// prove inclusion.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ReceiptList } from '../../../shared/helper-api/receipts.ts';
import type { InclusionProof } from '../../../shared/helper-api/store.ts';
import type { HelperContext } from '../context.ts';
import { HelperHttpError, parseValue } from '../http/errors.ts';

const notFound = (id: string) => new HelperHttpError(404, 'not_found', `no receipt ${id}`);

export function receiptRoutes(ctx: HelperContext) {
  const app = new Hono();

  app.post('/', async (c) => {
    let body: string;
    try {
      body = await c.req.text();
    } catch (err) {
      if (err instanceof HelperHttpError) throw err;
      throw new HelperHttpError(400, 'bad_request', 'the body could not be read');
    }
    // Parsed and checked against acknowledgeRequestSchema in a signing thread (400 naming the field).
    return c.body(await ctx.receipts.acknowledgeBody(body), 201, { 'Content-Type': 'application/json' });
  });

  app.get('/', async (c) => {
    const { messageId } = parseValue(z.object({ messageId: z.string().min(1).max(200) }), c.req.query(), 'query');
    return c.json({ items: await ctx.receipts.listForMessage(messageId) } satisfies ReceiptList);
  });

  app.get('/:id', async (c) => {
    const record = await ctx.receipts.record(c.req.param('id'));
    if (!record) throw notFound(c.req.param('id'));
    return c.json(record);
  });

  app.get('/:id/receipt.json', async (c) => {
    const files = await ctx.receipts.files(c.req.param('id'));
    if (!files) throw notFound(c.req.param('id'));
    return c.body(new Uint8Array(files.json), 200, { 'Content-Type': 'application/json' });
  });

  app.get('/:id/receipt.p7s', async (c) => {
    const files = await ctx.receipts.files(c.req.param('id'));
    if (!files) throw notFound(c.req.param('id'));
    return c.body(new Uint8Array(files.p7s), 200, {
      'Content-Type': 'application/pkcs7-signature',
      'Content-Disposition': `attachment; filename="receipt-${c.req.param('id')}.p7s"`,
    });
  });

  app.get('/:id/receipt.p7m', async (c) => {
    const p7m = await ctx.receipts.p7m(c.req.param('id'));
    if (!p7m) throw notFound(c.req.param('id'));
    return c.body(new Uint8Array(p7m), 200, {
      'Content-Type': 'application/pkcs7-mime; smime-type=signed-data',
      'Content-Disposition': `attachment; filename="receipt-${c.req.param('id')}.p7m"`,
    });
  });

  app.get('/:id/receipt.zip', async (c) => {
    const zip = await ctx.receipts.zip(c.req.param('id'));
    if (!zip) throw notFound(c.req.param('id'));
    return c.body(new Uint8Array(zip), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="receipt-${c.req.param('id')}.zip"`,
    });
  });

  app.get('/:id/receipt.pdf', async (c) => {
    const pdf = await ctx.receipts.pdf(c.req.param('id'));
    if (!pdf) throw notFound(c.req.param('id'));
    return c.body(new Uint8Array(pdf), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="receipt-${c.req.param('id')}.pdf"`,
    });
  });

  app.get('/:id/inclusion', (c) => {
    const leafIndex = ctx.receipts.leafIndexOf(c.req.param('id'));
    if (leafIndex === undefined) throw notFound(c.req.param('id'));
    const latest = ctx.store.checkpoint!.treeSize;
    const { treeSize } = parseValue(
      z.object({ treeSize: z.coerce.number().int().min(leafIndex + 1).max(latest).default(latest) }),
      c.req.query(),
      'query',
    );
    const proof: InclusionProof = {
      leafIndex,
      treeSize,
      leafHash: ctx.store.tree.leafHashAt(leafIndex).toString('base64'),
      path: ctx.store.tree.inclusionProof(leafIndex, treeSize).map((h) => h.toString('base64')),
    };
    return c.json(proof);
  });

  return app;
}
