// `npm run package`: the store and policy builds. Chrome, Chromium and Edge get a .zip (its manifest `key` gives it
// the ID the native-messaging host names), Firefox an .xpi (gecko id, MV3), and SHA256SUMS lists both for whoever
// distributes them. Everything lands in .output/.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.output');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wxt = join(root, 'node_modules', '.bin', 'wxt');
const env = { ...process.env };
delete env.WXT_EBOX_SANDBOX; // the store build never reaches the sandbox

// A fresh clone has no .output yet; an old one may hold a previous version's packages.
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out, { withFileTypes: true }).filter((e) => e.isFile())) rmSync(join(out, f.name));
execFileSync(wxt, ['zip'], { cwd: root, env, stdio: 'inherit' });
execFileSync(wxt, ['zip', '-b', 'firefox', '--mv3'], { cwd: root, env, stdio: 'inherit' });

const chromeZip = `ebox-keeper-${version}-chrome.zip`;
const xpi = `ebox-keeper-${version}-firefox.xpi`;
renameSync(join(out, `ebox-keeper-${version}-firefox.zip`), join(out, xpi));
const files = readdirSync(out).filter((f) => f === chromeZip || f === xpi || f.endsWith('-sources.zip')).sort();
const sums = files.map((f) => `${createHash('sha256').update(readFileSync(join(out, f))).digest('hex')}  ${f}`).join('\n') + '\n';
writeFileSync(join(out, 'SHA256SUMS'), sums);
process.stdout.write(`\n${sums}(in .output/; check with: cd .output && sha256sum -c SHA256SUMS)\n`);
