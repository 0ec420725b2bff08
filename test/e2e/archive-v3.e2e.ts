// The same archive against the sandbox speaking the Message Registry's v3 names (isRegisteredMail, sender {...},
// /v3/ base path): the adapter normalises both generations into one model.
import { describe, expect, it } from 'vitest';
import { materialise } from '../sandbox/data/mailbox.ts';
import { storedDocuments, storedMessages } from './archive-support.ts';
import { useE2EEnvironment } from './harness/e2e-environment.ts';
import { inboxMessageIds, signIn } from './harness/sandbox-app.ts';

const env = useE2EEnvironment({ sandbox: { seed: 21, size: 30, v3: true, now: new Date('2026-11-23T09:30:00Z') } });

describe('archive on a v3 registry', () => {
  it('decorates the inbox and archives a message byte-identical', async () => {
    expect(env.sandbox.apiUrl).toContain('/v3');
    const page = await env.newPage();
    await signIn(page, env.sandbox);
    const ids = await inboxMessageIds(page);
    await page.waitForFunction((n: number) => document.querySelectorAll('tr.message-row ebox-keeper-row').length === n, {}, ids.length);
    const message = env.sandbox.data.mailbox.messages.find((m) => m.documents.length >= 2 && ids.includes(m.messageId))!;
    await signIn(page, env.sandbox, { path: `/messages/${message.messageId}` });
    await page.waitForSelector('ebox-keeper-panel >>> button[data-action=archive]');
    await page.click('ebox-keeper-panel >>> button[data-action=archive]');
    await page.waitForSelector('ebox-keeper-panel >>> [data-part=archived-at]', { timeout: 30_000 });
    const record = (await storedMessages(env.browser)).find((m) => m.messageId === message.messageId)!;
    expect(record.integrity).toBe('ok');
    expect(record.contractVersion).toBe('v3');
    const docs = await storedDocuments(env.browser, message.messageId);
    expect(docs).toHaveLength(message.documents.length);
    for (const doc of message.documents) {
      const stored = docs.find((d) => d.attachmentId === doc.attachmentId)!;
      expect(Buffer.from(stored.base64, 'base64').equals(Buffer.from((await materialise(doc)).bytes))).toBe(true);
    }
    await page.close();
  });
});
