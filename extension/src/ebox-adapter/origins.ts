// Where e-Box Enterprise lives. The real origins are from ../shared/ebox-domain.md; the sandbox ones exist only in
// the test build (WXT_EBOX_SANDBOX=1), where the web app runs on localhost and its registry on 127.0.0.1.
export const EBOX_REAL_APP_MATCHES = ['https://app.eboxenterprise.be/*'];
export const EBOX_REAL_REGISTRY_MATCHES = ['https://services.socialsecurity.be/REST/ebox/*'];
export const SANDBOX_APP_MATCHES = ['http://localhost/*'];
export const SANDBOX_REGISTRY_MATCHES = ['http://127.0.0.1/*'];
export const HELPER_MATCHES = ['http://127.0.0.1/*'];

export function appMatches(sandbox: boolean): string[] {
  return sandbox ? [...EBOX_REAL_APP_MATCHES, ...SANDBOX_APP_MATCHES] : EBOX_REAL_APP_MATCHES;
}

export function extensionHostPermissions(sandbox: boolean): string[] {
  const all = [...appMatches(sandbox), ...EBOX_REAL_REGISTRY_MATCHES, ...HELPER_MATCHES];
  return [...new Set(sandbox ? [...all, ...SANDBOX_REGISTRY_MATCHES] : all)];
}
