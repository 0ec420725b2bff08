// What the main-world capture tells the isolated content script, over window.postMessage on the page itself.
// Kept free of dependencies: it is bundled into the script that runs in the e-Box page's own world.
export const BRIDGE_CHANNEL = 'ebox-keeper/registry-capture/v1';

export interface BridgeMessage {
  channel: typeof BRIDGE_CHANNEL;
  url: string;
  status: number;
  /** The Authorization header the app sent with the call (its bearer token, held in its memory). */
  authorization?: string;
  body: unknown;
}
