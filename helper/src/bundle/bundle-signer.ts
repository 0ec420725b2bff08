// The signer of bundle manifests: the helper's own identity and CMS signer (helper/src/cms), time-stamped by the
// configured TSA so the manifest signature is CAdES-B-T. Its chain goes into the bundle for offline checks. When no
// TSA is set, or the TSA does not answer, the user is told in their language what to do.
import { signDetached } from '../cms/signer.ts';
import { TimestampError } from '../cms/tsa-client.ts';
import type { HelperContext } from '../context.ts';
import { messages, type Language } from '../i18n/catalogue.ts';
import type { BundleSigner } from './bundle-exporter.ts';

export class NoTsaError extends Error {
  constructor(language: Language = 'en') {
    super(messages(language).noTsa);
    this.name = 'NoTsaError';
  }
}

export function helperBundleSigner(ctx: Pick<HelperContext, 'identity' | 'tsaUrl'>, language: Language = 'en'): BundleSigner {
  const tsaUrl = ctx.tsaUrl;
  if (!tsaUrl) throw new NoTsaError(language);
  const identity = ctx.identity.current;
  return {
    sign: (manifest) =>
      signDetached(manifest, identity, { tsaUrl }).catch((err: unknown) => {
        if (err instanceof TimestampError) throw new TimestampError(messages(language).tsaUnreachable(tsaUrl, err.message), { cause: err });
        throw err;
      }),
    certificates: identity.chain,
    subject: ctx.identity.summary.subject,
  };
}
