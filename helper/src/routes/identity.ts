// POST /identity/import: the company's PKCS#12 replaces the development identity. The password and the key never
// appear in an answer or a log line.
import { Hono } from 'hono';
import { importIdentityRequestSchema } from '../../../shared/helper-api/identity.ts';
import type { HelperContext } from '../context.ts';
import { HelperHttpError, parseJsonBody } from '../http/errors.ts';

export function identityRoutes(ctx: HelperContext) {
  const app = new Hono();
  app.get('/', (c) => c.json(ctx.identity.summary));
  app.post('/import', async (c) => {
    const body = await parseJsonBody(c, importIdentityRequestSchema);
    // node-forge loads with the first import, not with every helper start.
    const { importPkcs12, Pkcs12Error } = await import('../identity/pkcs12-import.ts');
    let identity;
    try {
      identity = importPkcs12(Buffer.from(body.pkcs12, 'base64'), body.password, body.rsaScheme);
    } catch (err) {
      if (err instanceof Pkcs12Error) throw new HelperHttpError(400, 'bad_identity', err.message, 'pkcs12');
      throw err;
    }
    const summary = ctx.identity.replace(identity);
    console.log(`helper: signing identity replaced by ${summary.subject} (${summary.scheme})`);
    return c.json(summary);
  });
  return app;
}
