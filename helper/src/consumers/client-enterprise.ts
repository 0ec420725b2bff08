// How a call names the enterprise whose e-Box it consults. The official docs say a Message Registry identifies the
// e-Box by the CBE number in the token's principal (introspection, principalAttributes
// "urn:be:fgov:kbo-bce:organization:cbe-number"), and that a Service Provider consults a client's e-Box under an
// "e-Box Document Consumer" mandate, but not how the client is named in the calls. Assumed (docs/sync.md): every
// registry call carries CLIENT_ENTERPRISE_HEADER with the consulted enterprise's CBE number. For a company's own
// account it repeats what the token says, so a registry that ignores the header is not misled.
import { CLIENT_ENTERPRISE_HEADER } from '../../../shared/ebox/registry-api.ts';

export function clientEnterpriseHeaders(enterprise: string): Record<string, string> {
  return { [CLIENT_ENTERPRISE_HEADER]: enterprise };
}
