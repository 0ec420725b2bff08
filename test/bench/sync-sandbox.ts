// The sync bench's sandbox, in a process of its own so the helper's memory is measured alone: N messages for the
// first company at the main provider, nothing at the second, every document rendered before it says it is ready
// (rendering is the sandbox's cost, not the sync's), and one registered OAuth client whose PKCS#12 it writes.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { opensslPkcs12 } from '../../helper/src/identity/openssl-pkcs12.fixture.ts';
import { materialise } from '../sandbox/data/mailbox.ts';
import { startSandbox } from '../sandbox/start-sandbox.ts';

const [size, work] = [Number(process.argv[2]), process.argv[3]!];
const sandbox = await startSandbox({ seed: 11, size, secondProviderSize: 0, now: new Date() });
const mailbox = sandbox.data.mailbox;
await Promise.all(mailbox.messages.flatMap((m) => m.documents.map((d) => materialise(d))));
opensslPkcs12(work, ['rsa:2048'], 'bench', 'client');
sandbox.consumer.registerClient({ clientId: 'bench-client', enterprise: mailbox.company.enterpriseNumber, certificate: new X509Certificate(readFileSync(`${work}/client.crt`)) });
const live = mailbox.messages.filter((m) => m.expirationDate.getTime() > Date.now());
console.log(
  JSON.stringify({
    tokenUrl: sandbox.consumer.tokenUrl,
    federationUrl: sandbox.consumer.federationUrl,
    registry: sandbox.consumer.providerUrls[0],
    enterprise: mailbox.company.enterpriseNumber,
    p12: `${work}/client.p12`,
    messages: live.length,
    documents: live.reduce((n, m) => n + m.documents.length, 0),
  }),
);
