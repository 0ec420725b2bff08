// The overlay's features, in the order they run on each page.
import type { Feature } from '../feature-manager.ts';
import { bulkBar } from './bulk-bar.tsx';
import { filingPanel } from './filing-panel.tsx';
import { inboxChips } from './inbox-chips.tsx';
import { pageNotice } from './page-notice.tsx';
import { proofPanel } from './proof-panel.tsx';

export const FEATURES: readonly Feature[] = [inboxChips, bulkBar, filingPanel, proofPanel, pageNotice];
