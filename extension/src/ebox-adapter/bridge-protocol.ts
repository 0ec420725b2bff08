// What the main-world capture tells the isolated content script, over window.postMessage on the page itself.
// Kept free of dependencies: it is bundled into the script that runs in the e-Box page's own world.
export const BRIDGE_CHANNEL = 'ebox-keeper/registry-capture/v1';

export interface BridgeMessage {
  channel: typeof BRIDGE_CHANNEL;
  url: string;
  status: number;
  /** The Authorization header the app sent with the call (its bearer token, held in its memory). */
  authorization?: string;
  /** The answer's JSON; none for a document's bytes (only the fact that it was fetched matters). */
  body?: unknown;
  /** When the answer arrived (ISO 8601): for a body or a document, the moment of opening. */
  at?: string;
}
