// The identity in use, replaceable at run time when the company imports its PKCS#12: receipts in flight keep the
// identity they started with.
import type { IdentitySummary } from '../../../shared/helper-api/identity.ts';
import { saveIdentity } from './identity-store.ts';
import { summarise, type Identity } from './identity.ts';

export class IdentityHolder {
  private identity: Identity;
  private cachedSummary: IdentitySummary;
  private readonly dataDir: string;

  constructor(dataDir: string, identity: Identity) {
    this.dataDir = dataDir;
    this.identity = identity;
    this.cachedSummary = summarise(identity);
  }

  get current(): Identity {
    return this.identity;
  }

  get summary(): IdentitySummary {
    return this.cachedSummary;
  }

  /** Saves the new identity to disk (key 0600) before using it. */
  replace(identity: Identity): IdentitySummary {
    saveIdentity(this.dataDir, identity);
    this.identity = identity;
    this.cachedSummary = summarise(identity);
    return this.cachedSummary;
  }
}
