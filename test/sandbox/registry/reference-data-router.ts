// GET /referenceData/... (and /refData/..., where v3 may put them): lists, single items and logos.
import { Hono } from 'hono';
import { ORGANIZATIONS } from '../data/catalogue.ts';
import type { RegistryEnv } from './bearer-auth.ts';
import { pageOf } from './paging.ts';
import { logoImageId, logoSvg, wireMessageTypes, wireSenderApplications, wireSenderOrganizations } from './reference-data.ts';
import { fail } from './status-message.ts';

export function referenceDataRouter(baseUrlOf: (url: string) => string): Hono<RegistryEnv> {
  const r = new Hono<RegistryEnv>();
  r.get('/messageTypes', (c) => c.json(pageOf(wireMessageTypes(), c.req.query())));
  r.get('/messageTypes/:id', (c) => {
    const t = wireMessageTypes().find((x) => x.messageTypeId === c.req.param('id'));
    return t ? c.json(t) : fail(c, 404, 'MESSAGE_TYPE_NOT_FOUND', `No message type ${c.req.param('id')}`);
  });
  r.get('/senderOrganizations', (c) => c.json(pageOf(wireSenderOrganizations(baseUrlOf(c.req.url)), c.req.query())));
  r.get('/senderOrganizations/:id', (c) => {
    const o = wireSenderOrganizations(baseUrlOf(c.req.url)).find((x) => x.organizationId === c.req.param('id'));
    return o ? c.json(o) : fail(c, 404, 'SENDER_ORGANIZATION_NOT_FOUND', `No sender organization ${c.req.param('id')}`);
  });
  r.get('/senderOrganizations/:id/images/:imageId/content', (c) => {
    const o = ORGANIZATIONS.find((x) => x.organizationId === c.req.param('id'));
    if (!o || logoImageId(o) !== c.req.param('imageId')) return fail(c, 404, 'IMAGE_NOT_FOUND', 'No such image');
    return c.body(logoSvg(o), 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' });
  });
  r.get('/senderApplications', (c) => c.json(pageOf(wireSenderApplications(), c.req.query())));
  r.get('/senderApplications/:id', (c) => {
    const a = wireSenderApplications().find((x) => x.applicationId === c.req.param('id'));
    return a ? c.json(a) : fail(c, 404, 'SENDER_APPLICATION_NOT_FOUND', `No sender application ${c.req.param('id')}`);
  });
  return r;
}
