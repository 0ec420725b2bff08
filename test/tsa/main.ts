// `tsx test/tsa/main.ts [--port N] [--ca-out file.pem]`: runs the test TSA until interrupted (for `npm start`
// demos and manual `openssl ts` checks).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startTsa } from './server.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'ca-out': { type: 'string' } } });
const tsa = await startTsa({ port: values.port ? Number(values.port) : 0 });
if (values['ca-out']) writeFileSync(values['ca-out'], tsa.authority.caPem);
console.log(`test TSA listening on ${tsa.url}`);
process.on('SIGINT', () => void tsa.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void tsa.close().then(() => process.exit(0)));
