// Expiry's seen messages with the helper's kept ones (kept-rows.ts mergeSeen), so the badge and popup count the
// mail the helper keeps with no browser open. The helper is asked on each read; when it is not paired, not running
// or refuses, the browser's messages are counted alone (the popup's helper line says why).
import type { SeenMessageSource, SeenSnapshot } from '../expiry/seen-message-source.ts';
import { mergeSeen, type KeptMessage } from './kept-rows.ts';

export function withKeptMessages(inner: SeenMessageSource, readKept: () => Promise<KeptMessage[] | null>): SeenMessageSource {
  return {
    async read(): Promise<SeenSnapshot> {
      const [snapshot, kept] = await Promise.all([inner.read(), readKept().catch((e: unknown) => (console.warn('[kept] the helper did not answer its kept messages', e), null))]);
      return kept?.length ? { ...snapshot, messages: mergeSeen(snapshot.messages, kept) } : snapshot;
    },
    onChange: (listener) => inner.onChange(listener),
  };
}
