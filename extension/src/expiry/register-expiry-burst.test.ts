// A bulk archive changes the seen-message store once per message: the badge is recomputed once the store is quiet,
// not once per change. In a file of its own: the listeners that other tests' workers leave registered in the same
// fake browser would recompute too.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeI18n } from '../i18n/test-i18n.ts';
import { resetServed } from '../messaging/server.ts';
import { registerExpiry } from './register-expiry.ts';
import { memoryArchive, seenMessage } from './test-messages.ts';

const badgeText = () => fakeBrowser.action.getBadgeText({});

function register(archive: ReturnType<typeof memoryArchive>) {
  return registerExpiry({ source: archive.source, archiver: archive.archiver, openEbox: async () => {}, openList: async () => {} });
}

describe('registerExpiry under a burst of store changes', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    resetServed();
    installFakeI18n('en');
  });

  it('recomputes once the store is quiet, not once per change', async () => {
    const archive = memoryArchive(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => seenMessage(id, new Date(Date.now() + 2 * 86_400_000).toISOString())));
    const reads = vi.spyOn(archive.source, 'read');
    register(archive);
    await expect.poll(badgeText).toBe('6');
    reads.mockClear();
    // A bulk archive: five changes at once (issued together, so a loaded machine cannot space them past the settle time).
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => archive.archiver.archive(id)));
    await expect.poll(badgeText).toBe('1');
    await new Promise((r) => setTimeout(r, 400));
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
