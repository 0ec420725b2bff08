// The proof store's public face: the newest signed checkpoint and consistency proofs between tree sizes.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ConsistencyProof } from '../../../shared/helper-api/store.ts';
import type { HelperContext } from '../context.ts';
import { HelperHttpError, parseValue } from '../http/errors.ts';

export function storeRoutes(ctx: HelperContext) {
  const app = new Hono();
  app.get('/checkpoint', (c) => {
    const checkpoint = ctx.store.checkpoint;
    if (!checkpoint) throw new HelperHttpError(404, 'not_found', 'the store is empty: no checkpoint yet');
    return c.json(ctx.receipts.checkpointView(checkpoint));
  });
  app.get('/consistency', (c) => {
    const size = ctx.store.checkpoint?.treeSize ?? 0;
    const q = parseValue(
      z.object({ from: z.coerce.number().int().min(0).max(size), to: z.coerce.number().int().min(0).max(size) }).refine((v) => v.from <= v.to, { message: 'from must not exceed to', path: ['from'] }),
      c.req.query(),
      'query',
    );
    const proof: ConsistencyProof = { fromSize: q.from, toSize: q.to, path: ctx.store.tree.consistencyProof(q.from, q.to).map((h) => h.toString('base64')) };
    return c.json(proof);
  });
  return app;
}
