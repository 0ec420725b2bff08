// The e-Box web app's own origin: the single-page app (every in-app path serves the same shell), its bundle, the
// and the sign-in hand-off (an OAuth-like redirect carrying the token in the URL fragment, as CSAM would).
import { Hono } from 'hono';
import type { RegistryContract } from '../../../shared/ebox/registry-api.ts';
import { COMPANIES } from '../data/catalogue.ts';
import type { SandboxState } from '../sandbox-state.ts';
import { clientBundle } from './bundle.ts';
import { SKINS, type Skin, type WebAppConfig } from './client/config.ts';

function shell(config: WebAppConfig): string {
  // `<` is escaped so no value can close the script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>e-Box Enterprise</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23183b6b'/%3E%3C/svg%3E">
<link rel="stylesheet" href="/assets/app.css">
<script type="application/json" id="ebox-config">${json}</script>
<script type="module" src="/assets/app.js"></script>
</head>
<body><div id="app"></div></body>
</html>`;
}

export function webApp(state: SandboxState, apiUrls: Record<RegistryContract, string>, secondApiUrl?: string): Hono {
  const app = new Hono();
  const config = (): WebAppConfig => ({
    apiBase: apiUrls[state.contract],
    ...(secondApiUrl ? { secondProvider: secondApiUrl } : {}),
    contract: state.contract,
    companies: COMPANIES.filter((c) => state.mailboxes.has(c.enterpriseNumber)).map((c) => ({ enterpriseNumber: c.enterpriseNumber, name: c.name, language: c.language })),
  });

  app.get('/assets/app.js', async (c) => c.body((await clientBundle()).js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/app.css', async (c) => c.body((await clientBundle()).css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  // Sign-in: the identity service sends the browser back with the access token in the fragment, which never
  // reaches a server; the app keeps it in memory only.
  app.get('/auth/authorize', (c) => {
    const cbe = c.req.query('company') ?? '';
    const token = [...state.tokens].find(([, v]) => v === cbe)?.[0];
    if (!token) return c.text(`Unknown company ${cbe}`, 400);
    const returnTo = c.req.query('return_to') ?? '/inbox';
    const safeReturn = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/inbox';
    const fragment = new URLSearchParams({ access_token: token, token_type: 'Bearer', company: cbe, return_to: safeReturn });
    return c.redirect(`/auth/callback#${fragment}`, 302);
  });


  app.get('*', (c) => {
    const skin = c.req.query('skin') as Skin | undefined;
    return c.html(shell({ ...config(), ...(skin && SKINS.includes(skin) ? { skin } : {}) }));
  });
  return app;
}
