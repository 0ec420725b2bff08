// `ebox-keeper trusted-list update [--territory BE] [--offline]`: follows the EU list of trusted lists to the national
// list and installs it in the data folder, with the certificates the LOTL publishes for its signer pinned
// (trusted-list.xml, trusted-list-signer.pem): the helper then trusts exactly that list. The LOTL must be signed by
// one of the pinned LOTL signers (the Official Journal's, shipped with the helper). Each list is fetched when
// reachable (a few seconds at most), otherwise taken from the dated snapshot shipped with the helper; nothing is
// installed unless the chain of signatures holds.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nationalListViaLotl, LOTL_URL, SNAPSHOT, snapshotLotlSigners } from '../evidence/lotl.ts';
import { isTrusted } from '../evidence/trusted-list.ts';
import { trustedListPath, trustedListSignerPath } from '../evidence/trusted-list-source.ts';
import { COMMON_USAGE, dataDirFrom, parseCommandArgs, UsageError, type CliCommand } from './command.ts';

const FETCH_TIMEOUT_MS = 8_000;

async function fetchList(url: string): Promise<Uint8Array | string> {
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!res.ok) return `HTTP ${res.status}`;
    return new Uint8Array(await res.arrayBuffer());
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
  }
}

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

export const trustedListCommand: CliCommand = {
  usage: `ebox-keeper trusted-list update [--territory BE] [--offline]

  --territory CC   the country whose list to install (default BE; the snapshot holds BE only)
  --offline        use the snapshot shipped with the helper, fetch nothing
Exit status: 0 installed, 4 the lists' signatures do not hold (nothing installed), 2 usage error.
${COMMON_USAGE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { territory: { type: 'string' }, offline: { type: 'boolean' } });
    if (positionals[0] !== 'update' || positionals.length !== 1) throw new UsageError('usage: ebox-keeper trusted-list update');
    const territory = (values.territory ?? 'BE').toUpperCase();
    const snapshot = (name: string | undefined) => (name ? new Uint8Array(readFileSync(join(SNAPSHOT.dir, name))) : undefined);

    let lotlBytes = values.offline ? undefined : await fetchList(LOTL_URL);
    let lotlSource = LOTL_URL;
    if (!(lotlBytes instanceof Uint8Array)) {
      console.log(`EU list of trusted lists: ${lotlBytes ? `not fetched (${lotlBytes}), ` : ''}using the snapshot ${SNAPSHOT.lotl}`);
      lotlBytes = snapshot(SNAPSHOT.lotl)!;
      lotlSource = SNAPSHOT.lotl;
    }
    const signers = snapshotLotlSigners();
    // The LOTL itself says where the national list lives; a fetched LOTL may point elsewhere than the snapshot's.
    const probe = nationalListViaLotl(lotlBytes, signers, lotlBytes, territory);
    if (!isTrusted(probe.lotl)) {
      console.error(`the EU list of trusted lists (${lotlSource}) is not trusted: ${probe.lotl.signature.problem}`);
      return 4;
    }
    if (probe.pointer === undefined) throw new UsageError(`the EU list of trusted lists names no list for ${territory}`);
    let nationalBytes = values.offline || lotlSource !== LOTL_URL ? undefined : await fetchList(probe.pointer.location);
    let nationalSource = probe.pointer.location;
    if (!(nationalBytes instanceof Uint8Array)) {
      const name = lotlSource === LOTL_URL ? undefined : SNAPSHOT.national[territory];
      if (name === undefined) {
        console.error(`the ${territory} list could not be fetched from ${probe.pointer.location} (${nationalBytes ?? 'offline'}) and the snapshot does not hold it`);
        return 4;
      }
      nationalBytes = snapshot(name)!;
      nationalSource = name;
    }
    const { list } = nationalListViaLotl(lotlBytes, signers, nationalBytes, territory);
    if (!isTrusted(list)) {
      console.error(`the ${territory} list (${nationalSource}) is not trusted: ${list.signature.problem}`);
      return 4;
    }
    const dataDir = dataDirFrom(values['data-dir']);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(trustedListSignerPath(dataDir), probe.pointer.signers.map((c) => pem(c.der)).join(''));
    writeFileSync(trustedListPath(dataDir), nationalBytes);
    console.log(`installed the ${territory} list of ${list.issueDate?.toISOString() ?? '?'} (${nationalSource}), signed by ${list.signature.signedBy!.subject}`);
    console.log(`pinned its ${probe.pointer.signers.length} signer certificates published by the EU list of trusted lists of ${probe.lotl.issueDate?.toISOString() ?? '?'} (${lotlSource})`);
    if (list.nextUpdate && list.nextUpdate < new Date()) console.log(`this list was due for renewal on ${list.nextUpdate.toISOString()}: run this again when online`);
    return 0;
  },
};
