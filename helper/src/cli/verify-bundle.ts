// `ebox-keeper verify-bundle FILE [--trust CERT ...] [--trusted-list FILE] [--json]`: checks an evidence bundle with
// nothing but the bundle (and, optionally, the certificates the auditor pins): the zip structure, every manifest
// digest, the CAdES-B-T signature, every receipt and evidence, every inclusion proof against the checkpoint.
// Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE (a signer nobody pinned among them), 64 usage error.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BundleVerification } from '../../../shared/bundle/verification.ts';
import { verifyBundle } from '../bundle/bundle-verifier.ts';
import { ProgressBar } from '../bundle/progress-bar.ts';
import { parseTrustedList, type TrustedList } from '../evidence/trusted-list.ts';
import { parseCommandArgs, UsageError, type CliCommand } from './command.ts';
import { cliLanguage, messages, type HelperMessages } from '../i18n/catalogue.ts';

const EXIT = { TOTAL_PASSED: 0, TOTAL_FAILED: 1, INDETERMINATE: 2 } as const;

/** Reads a PEM (one or more certificates) or DER certificate file. */
function readCertificates(path: string): Buffer[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UsageError(`cannot read --trust ${path}: ${(err as Error).message}`);
  }
  const text = bytes.toString('latin1');
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  try {
    return (pems ?? [bytes]).map((p) => new X509Certificate(p).raw);
  } catch (err) {
    throw new UsageError(`--trust ${path} is not a certificate (PEM or DER): ${(err as Error).message}`);
  }
}

function print(v: BundleVerification, say: HelperMessages): void {
  const mb = (v.counts.bytes / 2 ** 20).toFixed(1);
  console.log(`${say.verdict[v.indication]}  ${v.bundle}`);
  console.log(`  ${say.contents(v.counts.messages, v.counts.files, mb)}`);
  if (v.signer) {
    console.log(`  ${say.signedBy} ${v.signer.subject}`);
    console.log(`             ${say.fingerprint(v.signer.sha256Fingerprint, v.signer.pinned)}`);
    console.log(`  ${say.signedAt} ${v.signer.signedAt ?? say.noTimestamp}`);
  }
  const passed = Object.entries(v.passed).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`  ${say.passed} ${passed || say.nothing}`);
  const unproven = v.withoutProof ?? [];
  if (unproven.length > 0) {
    const shown = unproven.slice(0, 5).join(', ') + (unproven.length > 5 ? say.andMore(unproven.length - 5) : '');
    console.log(`  ${say.noProof(unproven.length, shown)}`);
  }
  for (const p of v.problems) console.log(`  ${say.checkStatus[p.status].padEnd(14)} ${p.file}: ${p.message}`);
}

export const verifyBundleCommand: CliCommand = {
  usage: `ebox-keeper verify-bundle FILE [--trust CERT ...] [--trusted-list FILE] [--json]

  --trust CERT         pin the company's certificate (or its CA), PEM or DER; repeatable. Without it the
                       verdict is at best INDETERMINATE and the signer's fingerprint is printed to compare.
  --trusted-list FILE  your own ETSI TS 119 612 trusted list for QERDS evidences (default: the one in the bundle)
  --json               print the verification as JSON (shared/bundle/verification.ts)
  -h, --help           this help
Exit status: 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE, 64 usage error.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      trust: { type: 'string', multiple: true },
      'trusted-list': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one bundle FILE');
    const language = cliLanguage(values.lang);
    const trusted = (values.trust ?? []).flatMap(readCertificates);
    let trustedList: TrustedList | undefined;
    if (values['trusted-list']) {
      try {
        trustedList = parseTrustedList(readFileSync(values['trusted-list']));
      } catch (err) {
        throw new UsageError(`--trusted-list ${values['trusted-list']}: ${(err as Error).message}`);
      }
    }
    const bar = values.json ? undefined : new ProgressBar(process.stderr, 'verifying');
    let result: BundleVerification;
    try {
      result = await verifyBundle(positionals[0]!, {
        ...(trusted.length ? { trusted } : {}),
        ...(trustedList ? { trustedList } : {}),
        language,
        ...(bar ? { onProgress: (p) => bar.update(p.bytes, p.totalBytes, `${p.files} files`) } : {}),
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new UsageError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
      throw err;
    } finally {
      bar?.done();
    }
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else print(result, messages(language));
    return EXIT[result.indication];
  },
};
