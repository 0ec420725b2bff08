// The signer of bundle manifests: the helper's own identity and CMS signer (helper/src/cms), time-stamped by the
// configured TSA so the manifest signature is CAdES-B-T. Its chain goes into the bundle for offline checks.
import { signDetached } from '../cms/signer.ts';
import type { HelperContext } from '../context.ts';
import type { BundleSigner } from './bundle-exporter.ts';

export class NoTsaError extends Error {
  constructor() {
    super('bundles are signed CAdES-B-T: configure a time-stamping authority (TSA) first');
    this.name = 'NoTsaError';
  }
}

export function helperBundleSigner(ctx: Pick<HelperContext, 'identity' | 'tsaUrl'>): BundleSigner {
  const tsaUrl = ctx.tsaUrl;
  if (!tsaUrl) throw new NoTsaError();
  const identity = ctx.identity.current;
  return {
    sign: (manifest) => signDetached(manifest, identity, { tsaUrl }),
    certificates: identity.chain,
    subject: ctx.identity.summary.subject,
  };
}
