// `ebox-keeper import-identity FILE.p12`: replaces the development identity with the company's certificate. The
// password is read from EBOX_KEEPER_P12_PASSWORD or a file, never from the command line (it would show in `ps`).
import { readFileSync } from 'node:fs';
import { importPkcs12 } from '../identity/pkcs12-import.ts';
import { saveIdentity } from '../identity/identity-store.ts';
import { summarise } from '../identity/identity.ts';
import { COMMON_USAGE, UsageError, dataDirFrom, parseCommandArgs, type CliCommand } from './command.ts';

export const importIdentityCommand: CliCommand = {
  usage: `ebox-keeper import-identity FILE.p12 [--password-file FILE] [--rsa-pss] [--data-dir DIR]

  --password-file FILE   read the password from FILE (otherwise env EBOX_KEEPER_P12_PASSWORD)
  --rsa-pss              sign with RSA-PSS instead of PKCS#1 v1.5 (RSA keys only)
Restart a running helper afterwards (or import through the extension, which takes effect at once).
${COMMON_USAGE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { 'password-file': { type: 'string' }, 'rsa-pss': { type: 'boolean' } });
    const file = positionals[0];
    if (!file) throw new UsageError('which PKCS#12 file? ebox-keeper import-identity FILE.p12');
    const password = values['password-file']
      ? readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '')
      : (process.env.EBOX_KEEPER_P12_PASSWORD ?? '');
    const identity = importPkcs12(readFileSync(file), password, values['rsa-pss'] ? 'rsa-pss-sha256' : undefined);
    saveIdentity(dataDirFrom(values['data-dir']), identity);
    const s = summarise(identity);
    console.log(`signing identity: ${s.subject}\n  issuer ${s.issuer}\n  valid ${s.notBefore} to ${s.notAfter}\n  scheme ${s.scheme}, certificate SHA-256 ${s.certificateSha256}`);
    return 0;
  },
};
