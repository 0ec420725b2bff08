// The QERDS provider's platform, a site of its own: under /qerds/ the consignment page, its documents, its
// evidences and the trusted list that qualifies the provider.
import { Hono } from 'hono';
import { materialise } from '../data/mailbox.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { consignmentPage } from './consignment-page.ts';
import { evidencesFor, findConsignment } from './consignments.ts';

const XML = { 'Content-Type': 'application/xml; charset=utf-8' };

function qerdsProviderRoutes(state: SandboxState): Hono {
  const r = new Hono();
  r.get('/trusted-list.xml', async (c) => {
    const { sandboxTrustedList } = await import('../../qerds/provider.ts');
    return c.body(await sandboxTrustedList(), 200, XML);
  });
  r.get('/:id', (c) => {
    const found = findConsignment(state, c.req.param('id'));
    return found ? c.html(consignmentPage(found)) : c.text('Unknown consignment', 404);
  });
  r.get('/:id/content/:attachmentId', async (c) => {
    const found = findConsignment(state, c.req.param('id'));
    const doc = found?.contents.find((d) => d.attachmentId === c.req.param('attachmentId'));
    if (!doc) return c.text('Unknown document', 404);
    const { bytes } = await materialise(doc);
    return c.body(bytes, 200, { 'Content-Type': doc.mediaType, 'Content-Disposition': `attachment; filename="${doc.fileName}"` });
  });
  r.get('/:id/evidence/:event{(submission|consignment|handover)\\.xml}', async (c) => {
    const found = findConsignment(state, c.req.param('id'));
    if (!found) return c.text('Unknown consignment', 404);
    const event = c.req.param('event').replace(/\.xml$/, '') as 'submission' | 'consignment' | 'handover';
    const evidences = await evidencesFor(found);
    return c.body(evidences[event], 200, { ...XML, 'Content-Disposition': `attachment; filename="${found.consignmentId}-${event}.xml"` });
  });
  return r;
}

export function qerdsProviderApp(state: SandboxState): Hono {
  const app = new Hono();
  app.route('/qerds', qerdsProviderRoutes(state));
  return app;
}
