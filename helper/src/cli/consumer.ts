// `ebox-keeper consumer add|list|remove`: the Document Consumer accounts the sync uses. The PKCS#12's password is
// read from an environment variable, never from the command line (it would show in `ps`).
import { readFileSync } from 'node:fs';
import { addConsumerAccount, listConsumerAccounts, removeConsumerAccount } from '../consumers/consumer-store.ts';
import { isCbe } from '../consumers/consumer-account.ts';
import { PRODUCTION_FEDERATION_URL, PRODUCTION_TOKEN_URL, oauthProfileFor } from '../consumers/oauth-profile.ts';
import { SyncDb } from '../sync/sync-db.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, type CliCommand } from './command.ts';

const USAGE = `ebox-keeper consumer add --enterprise CBE --client-id ID --identity FILE.p12 [--password-env VAR]
                          [--token-url URL] [--audience AUD] [--federation-url URL] [--registry URL ...]
ebox-keeper consumer list [--json]
ebox-keeper consumer remove CBE

  --enterprise CBE      the enterprise whose e-Box is consulted: the company's own, or a client's under an
                        "e-Box Document Consumer" mandate (then --client-id and --identity are the service provider's)
  --client-id ID        the OAuth client id received for the Document Consumer account
  --identity FILE.p12   the PKCS#12 of the certificate registered for that client (RSA: assertions are RS256)
  --password-env VAR    environment variable holding its password (default EBOX_KEEPER_P12_PASSWORD)
  --token-url URL       OAuth token endpoint (default ${PRODUCTION_TOKEN_URL}); the audience and scopes
                        follow its version as the official docs give them (v3 or v5)
  --audience AUD        override the client assertion's audience (only if the docs' one is refused)
  --federation-url URL  provider list (default ${PRODUCTION_FEDERATION_URL})
  --registry URL        consult this Message Registry instead of the federation's list (repeatable)
${COMMON_USAGE}`;

export const consumerCommand: CliCommand = {
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      enterprise: { type: 'string' },
      'client-id': { type: 'string' },
      identity: { type: 'string' },
      'password-env': { type: 'string' },
      'token-url': { type: 'string' },
      audience: { type: 'string' },
      'federation-url': { type: 'string' },
      registry: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    });
    const dataDir = dataDirFrom(values['data-dir']);
    const [action, ...rest] = positionals;
    if (action === 'add') {
      if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
      const enterprise = values.enterprise;
      if (!enterprise || !isCbe(enterprise)) throw new UsageError('--enterprise must be a CBE number of 10 digits starting with 0 or 1');
      if (!values['client-id']) throw new UsageError('--client-id is required');
      if (!values.identity) throw new UsageError('--identity FILE.p12 is required');
      const urls = [values['token-url'], values['federation-url'], ...(values.registry ?? [])].filter((u): u is string => u !== undefined);
      for (const u of urls) if (!URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol)) throw new UsageError(`not an http(s) URL: ${u}`);
      const passwordVar = values['password-env'] ?? 'EBOX_KEEPER_P12_PASSWORD';
      const account = await addConsumerAccount(dataDir, {
        enterprise,
        clientId: values['client-id'],
        tokenUrl: values['token-url'] ?? PRODUCTION_TOKEN_URL,
        ...(values.audience ? { audience: values.audience } : {}),
        federationUrl: values['federation-url'] ?? PRODUCTION_FEDERATION_URL,
        registries: values.registry ?? [],
        p12: readFileSync(values.identity),
        password: process.env[passwordVar] ?? '',
      });
      const profile = oauthProfileFor(account.tokenUrl, account.audience);
      console.log(`consumer account ${account.enterprise}: client ${account.clientId}, certificate ${account.certificate.subject} (valid to ${account.certificate.notAfter})`);
      console.log(`  token ${account.tokenUrl} (OAuth ${profile.version}, audience ${profile.audience})`);
      console.log(`  providers: ${account.registries.length ? account.registries.join(', ') : `from ${account.federationUrl}`}`);
      return 0;
    }
    if (action === 'list') {
      const accounts = listConsumerAccounts(dataDir);
      const db = accounts.length ? new SyncDb(dataDir) : undefined;
      const rows = accounts.map((a) => ({ ...a, providers: db?.providers(a.enterprise) ?? [] }));
      db?.close();
      if (values.json) {
        console.log(JSON.stringify(rows, null, 2));
        return 0;
      }
      if (!rows.length) console.log('no consumer account (ebox-keeper consumer add)');
      for (const a of rows) {
        console.log(`${a.enterprise}  client ${a.clientId}  certificate valid to ${a.certificate.notAfter}`);
        for (const p of a.providers) console.log(`  ${p.name ?? ''} ${p.provider}: last run ${p.lastRunAt ?? 'never'}${p.lastError ? `, error: ${p.lastError}` : ''}`);
      }
      return 0;
    }
    if (action === 'remove') {
      const enterprise = rest[0];
      if (!enterprise || !isCbe(enterprise)) throw new UsageError('which account? ebox-keeper consumer remove CBE');
      if (!removeConsumerAccount(dataDir, enterprise)) {
        console.error(`no consumer account for ${enterprise}`);
        return 1;
      }
      // What was kept stays: removing the account only stops syncing it.
      console.log(`consumer account ${enterprise} removed (its messages and documents stay kept)`);
      return 0;
    }
    throw new UsageError(action ? `unknown action "${action}" (add, list or remove)` : 'add, list or remove?');
  },
};
