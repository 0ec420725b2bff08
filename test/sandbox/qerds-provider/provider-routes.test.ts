import { describe, expect, it } from 'vitest';
import { verifyEvidence } from '../../../helper/src/evidence/verify-evidence.ts';
import { scenarios } from '../data/scenarios.ts';
import { createSandboxState, populateSandbox } from '../start-sandbox.ts';
import { pinnedSandboxList } from '../../qerds/pinned-list.ts';
import { qerdsPki } from '../../qerds/pki.ts';
import { qerdsProviderApp } from './provider-routes.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const QERDS = 'http://127.0.0.1:5998';

describe('QERDS provider of the sandbox', () => {
  const options = { now: NOW, size: 0, scenario: scenarios.qualifiedRegistered() };
  const { state } = createSandboxState(options);
  const [notification] = populateSandbox(state, options, { appUrl: 'http://localhost:5999', qerdsUrl: QERDS });
  const app = qerdsProviderApp(state);
  const consignmentId = notification!.qerds!.consignmentId;
  const get = (path: string) => app.request(`${QERDS}${path}`);

  it("links the e-Box notification to the provider's page for its consignment", async () => {
    const link = notification!.businessData.find((b) => b.key === 'qerdsActionLink')!.values[0]!.fr!;
    expect(link).toBe(`${QERDS}/qerds/${consignmentId}`);
    const page = await (await get(new URL(link).pathname)).text();
    expect(page).toContain(`data-consignment-id="${consignmentId}"`);
    expect(page).toContain('Boulangerie François Dupont SRL');
    expect((await get('/qerds/QERDS-000000000000')).status).toBe(404);
  });

  it('serves signed evidences that the helper verifies against the trusted list, over the real documents', async () => {
    const content = notification!.qerds!.contents[0]!;
    const res = await get(`/qerds/${consignmentId}/content/${content.attachmentId}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const trustedList = pinnedSandboxList(new Uint8Array(await (await get('/qerds/trusted-list.xml')).arrayBuffer()), await qerdsPki());
    for (const event of ['submission', 'consignment', 'handover']) {
      const evidence = new Uint8Array(await (await get(`/qerds/${consignmentId}/evidence/${event}.xml`)).arrayBuffer());
      const report = verifyEvidence({
        evidence,
        trustedList,
        contents: [{ name: content.fileName, bytes }],
        validationTime: new Date(NOW.getTime() + 86_400_000),
        expected: { messageIdentifier: consignmentId, recipientIdentifier: '0412345614' },
      });
      expect({ event, indication: report.indication, failed: report.checks.filter((c) => c.outcome === 'FAILED') }).toEqual({ event, indication: 'TOTAL_PASSED', failed: [] });
    }
    // A document that is not the registered one does not match the evidence.
    const handover = new Uint8Array(await (await get(`/qerds/${consignmentId}/evidence/handover.xml`)).arrayBuffer());
    const forged = verifyEvidence({ evidence: handover, trustedList, contents: [{ name: content.fileName, bytes: bytes.slice(1) }], validationTime: new Date(NOW.getTime() + 86_400_000) });
    expect(forged.indication).not.toBe('TOTAL_PASSED');
  });
});
