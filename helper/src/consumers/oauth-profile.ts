// What the official Document Consumer docs say about OAuth, per token endpoint generation, in one table
// (dev.eboxenterprise.be "Becoming a Document Consumer"; be-smals-thim/be-ebox-enterprise-integration-support
// document_consumer.md). The generation is read from the token URL's path: /oauth/v3/ or /oauth/v5/.
//   v3: audience https://oauth.socialsecurity.be (acceptance: https://oauthacc.socialsecurity.be); scopes
//       summaryownebox, messagesfull, referencedata and the federation registry scope.
//   v5: audience = the token URL itself; scopes documentconsumer and the federation registry scope.
// A token URL of neither form (a test double, another implementation) is treated as v5: the audience is the URL.

export const PRODUCTION_TOKEN_URL = 'https://services.socialsecurity.be/REST/oauth/v5/token';
/** Federation 1.3 (ebox-federation-1.3.yaml): the provider list whose shape is published. */
export const PRODUCTION_FEDERATION_URL = 'https://services.socialsecurity.be/REST/ebox/enterprise/federation/v1/messageProviders';

const REGISTRY_SCOPE = 'scope:documentmanagement:ebox:enterprise:federation-rest:registry';
const CONSULT = 'scope:document:management:consult:ws-eboxrestentreprise';

export const V3_SCOPES = [`${CONSULT}:summaryownebox`, `${CONSULT}:messagesfull`, `${CONSULT}:referencedata`, REGISTRY_SCOPE] as const;
export const V5_SCOPES = [`${CONSULT}:documentconsumer`, REGISTRY_SCOPE] as const;

const V3_AUDIENCES: Record<string, string> = {
  'services.socialsecurity.be': 'https://oauth.socialsecurity.be',
  'services-acpt.socialsecurity.be': 'https://oauthacc.socialsecurity.be',
};

export interface OAuthProfile {
  version: 'v3' | 'v5';
  /** The client assertion's `aud`. */
  audience: string;
  scopes: readonly string[];
}

export function oauthProfileFor(tokenUrl: string, audienceOverride?: string): OAuthProfile {
  const url = new URL(tokenUrl);
  if (/\/oauth\/v3\/token\/?$/.test(url.pathname)) {
    return { version: 'v3', audience: audienceOverride ?? V3_AUDIENCES[url.hostname] ?? tokenUrl, scopes: V3_SCOPES };
  }
  return { version: 'v5', audience: audienceOverride ?? tokenUrl, scopes: V5_SCOPES };
}
