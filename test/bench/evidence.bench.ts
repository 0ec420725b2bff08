// Evidence verification speed (issue 6: >= 1,000 verifications per second per core on the sandbox evidences),
// reported beside two baselines measured in the same run:
// - bare: the RSA-2048 signature verification of the same key over the same canonical SignedInfo, alone;
// - xadesjs: the library's own XAdES Verify() on the same evidence (integrity only, no chain, no timestamp).
// Rates are per CPU-second of this process (one thread), so other work on the machine does not lower them.
import { verify as verifySignature, X509Certificate } from 'node:crypto';
import '../qerds/xml-setup.ts';
import * as xadesjs from 'xadesjs';
import { canonicalize } from '../../helper/src/evidence/c14n.ts';
import { parseXmlSafely } from '../../helper/src/evidence/safe-xml.ts';
import { verifyEvidence } from '../../helper/src/evidence/verify-evidence.ts';
import { readSignature } from '../../helper/src/evidence/xml-signature.ts';
import { evidenceLibrary, VALIDATION_TIME } from '../qerds/evidence-library.ts';
import { pinnedSandboxList } from '../qerds/pinned-list.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const TARGET = 1_000;

/** Runs `step` repeatedly for about SECONDS of CPU time; returns operations per CPU-second and per wall-second. */
async function measure(name: string, step: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await step();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let n = 0;
  let cpu = 0;
  while (cpu < SECONDS * 1e6) {
    for (let i = 0; i < 100; i++) await step();
    n += 100;
    const used = process.cpuUsage(cpu0);
    cpu = used.user + used.system;
  }
  const perCpuSecond = n / (cpu / 1e6);
  const perWallSecond = n / ((performance.now() - wall0) / 1000);
  console.log(`${name.padEnd(44)} ${perCpuSecond.toFixed(0).padStart(7)} /CPU-s  ${perWallSecond.toFixed(0).padStart(7)} /s wall  (${n} runs)`);
  return perCpuSecond;
}

const library = await evidenceLibrary();
const trustedList = pinnedSandboxList(library.trustedList, library.pki);
// The evidences the sandbox provider serves: RSA-2048, B-T, with their documents and expectations.
const evidences = library.good.filter((c) => c.name === 'handover B-T' || c.name === 'submission B-T');
let next = 0;
const full = () => {
  const c = evidences[next++ % evidences.length]!;
  const report = verifyEvidence({ evidence: c.evidence, trustedList, contents: c.contents, expected: c.expected, validationTime: VALIDATION_TIME });
  if (report.indication !== 'TOTAL_PASSED') throw new Error(`${c.name}: ${report.indication} ${report.subIndication}`);
};

const handover = evidences[0]!;
const sig = readSignature(parseXmlSafely(handover.evidence));
const signedInfo = Buffer.from(canonicalize(sig.signedInfo, sig.signedInfoC14n), 'utf8');
const key = new X509Certificate(sig.keyInfoCertificates[0]!).publicKey;
const bare = () => {
  if (!verifySignature('sha256', signedInfo, key, sig.signatureValue)) throw new Error('bare verification failed');
};

const xml = new TextDecoder().decode(handover.evidence);
const viaXadesjs = async () => {
  const doc = xadesjs.Parse(xml);
  const signed = new xadesjs.SignedXml(doc);
  signed.LoadXml(doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0]!);
  if (!(await signed.Verify())) throw new Error('xadesjs verification failed');
};

console.log(`evidence ${handover.evidence.length} bytes, XAdES B-LT (embedded CRL), RSA-2048, chain of 2 + TSA; ${evidences.length} evidences in turn`);
const rate = await measure('full EN 319 102-1 verification (this helper)', full);
const bareRate = await measure('bare RSA-2048 signature verification', bare);
const xadesRate = await measure('xadesjs SignedXml.Verify (integrity only)', viaXadesjs);
console.log(`full / bare: ${(rate / bareRate).toFixed(3)}   full / xadesjs: ${(rate / xadesRate).toFixed(2)}x`);
console.log(`target >= ${TARGET} verifications per CPU-second: ${rate >= TARGET ? 'met' : 'NOT MET'}`);
process.exitCode = rate >= TARGET ? 0 : 1;
