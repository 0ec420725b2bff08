// `npm run sandbox`: the e-Box sandbox with demo data, until Ctrl-C.
// Flags (or env): --app-port (EBOX_SANDBOX_APP_PORT, default 5180), --api-port (EBOX_SANDBOX_API_PORT, 5181),
// --qerds-port (EBOX_SANDBOX_QERDS_PORT, 5182),
// --seed (EBOX_SANDBOX_SEED, 1), --size (EBOX_SANDBOX_SIZE, 50), --v3 (EBOX_SANDBOX_V3=1),
// --consumer-certificate FILE (PEM): an e-Box Document Consumer OAuth client with this certificate, of the first
// company, consulting the others under a mandate (npm start makes it and gives the helper its accounts).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_SCENARIOS } from './data/scenarios.ts';
import { startSandbox } from './start-sandbox.ts';

const { values } = parseArgs({
  options: {
    'app-port': { type: 'string' },
    'api-port': { type: 'string' },
    'qerds-port': { type: 'string' },
    seed: { type: 'string' },
    size: { type: 'string' },
    v3: { type: 'boolean' },
    'consumer-certificate': { type: 'string' },
  },
});

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

const appPort = integer('app port', values['app-port'] ?? process.env.EBOX_SANDBOX_APP_PORT, 5180);
const apiPort = integer('api port', values['api-port'] ?? process.env.EBOX_SANDBOX_API_PORT, 5181);
const qerdsPort = integer('QERDS port', values['qerds-port'] ?? process.env.EBOX_SANDBOX_QERDS_PORT, 5182);
const sandbox = await startSandbox({
  appPort,
  apiPort,
  qerdsPort,
  seed: integer('seed', values.seed ?? process.env.EBOX_SANDBOX_SEED, 1),
  size: integer('size', values.size ?? process.env.EBOX_SANDBOX_SIZE, 50),
  v3: values.v3 ?? process.env.EBOX_SANDBOX_V3 === '1',
  scenario: DEMO_SCENARIOS,
}).catch((e: unknown) => {
  const code = (e as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `e-Box sandbox: port ${appPort}, ${apiPort} or ${qerdsPort} is in use; choose others with --app-port/--api-port/--qerds-port (0 = any free port)`
      : `e-Box sandbox failed to start: ${String(e)}`,
  );
  process.exit(1);
});

/** The Document Consumer client npm start registers (its id is what the helper's accounts name). */
const CONSUMER_CLIENT_ID = 'ebox-keeper-sandbox';
const consumerCertificate = values['consumer-certificate'];
if (consumerCertificate) {
  const [own, ...clients] = sandbox.companies.map((c) => c.enterpriseNumber);
  sandbox.consumer.registerClient({ clientId: CONSUMER_CLIENT_ID, enterprise: own!, certificate: new X509Certificate(readFileSync(consumerCertificate)), mandates: clients });
}

console.log(`e-Box sandbox running (contract ${sandbox.state.contract})
  web app:  ${sandbox.appUrl}/   (sign in by picking a company)
  registry: ${sandbox.apiUrl}
  QERDS provider: ${sandbox.qerdsUrl}/qerds/
  companies and bearer tokens (for curl: -H "Authorization: Bearer <token>"):`);
for (const c of sandbox.companies) {
  console.log(`    ${c.enterpriseNumber}  ${c.name.padEnd(34)} ${sandbox.tokens[c.enterpriseNumber]}  (${sandbox.data.mailboxes.get(c.enterpriseNumber)?.messages.length} messages)`);
}
if (consumerCertificate) {
  console.log(`Document Consumer client: ${CONSUMER_CLIENT_ID} token ${sandbox.consumer.tokenUrl} federation ${sandbox.consumer.federationUrl} enterprises ${sandbox.companies.map((c) => c.enterpriseNumber).join(',')}`);
}
console.log('Ctrl-C stops it.');

const stop = () => {
  sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
