// `ebox-keeper export-bundle --out FILE [selection]`: writes an evidence bundle (signed ASiC-E) of the acknowledged
// messages in the helper's proof store that match the selection, with a progress bar. Ctrl-C cancels and leaves
// no file. The running helper owns the store, so this refuses to run beside it (the archive page exports through
// the helper instead).
import { tsaUrlFrom } from '../cms/tsa-config.ts';
import { cliLanguage, messages } from '../i18n/catalogue.ts';
import { createContext } from '../context.ts';
import { exportBundle } from '../bundle/bundle-exporter.ts';
import { helperBundleSigner, NoTsaError } from '../bundle/bundle-signer.ts';
import { ProgressBar } from '../bundle/progress-bar.ts';
import { SelectionError, storeBundleInput, type BundleSelection } from '../bundle/store-source.ts';
import { HELPER_API_BASE, HELPER_VERSION_HEADER } from '../../../shared/helper-api/protocol.ts';
import { COMMON_USAGE, dataDirFrom, parseCommandArgs, portFrom, UsageError, type CliCommand } from './command.ts';

function date(text: string | undefined, flag: string, endOfDay: boolean): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : text);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${flag} is not a date: ${text}`);
  return d;
}

export async function helperRunning(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${HELPER_API_BASE}/status`, { signal: AbortSignal.timeout(1000) });
    return res.headers.has(HELPER_VERSION_HEADER);
  } catch {
    return false;
  }
}

export const exportBundleCommand: CliCommand = {
  usage: `ebox-keeper export-bundle --out FILE [--message ID ...] [--from DATE] [--to DATE] [--sender CBE] [options]

  --out FILE           the bundle to write (.asice); written whole or not at all
  --message ID         a message to include (repeatable); default: every acknowledged message
  --from DATE          messages received on or after DATE (YYYY-MM-DD or ISO 8601)
  --to DATE            messages received on or before DATE
  --sender CBE         messages from this sender organisation (CBE number)
  --company-name NAME  shown on report.pdf
  --company-cbe CBE    shown on report.pdf
  --tsa-url URL        RFC 3161 TSA for the bundle signature (env EBOX_KEEPER_TSA_URL; required: a bundle
                       is CAdES-B-T, so one must answer)
  --port N             the helper's port, to refuse running beside it (env EBOX_KEEPER_PORT)
Exit status: 0 written, 1 failed or cancelled, 64 usage error.
${COMMON_USAGE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      out: { type: 'string' },
      message: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      sender: { type: 'string' },
      'company-name': { type: 'string' },
      'company-cbe': { type: 'string' },
      'tsa-url': { type: 'string' },
      port: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.out) throw new UsageError('--out FILE is required');
    if (values.sender && !/^[01]\d{9}$/.test(values.sender)) throw new UsageError('--sender must be a CBE number of 10 digits starting with 0 or 1');
    const selection: BundleSelection = {
      ...(values.message ? { messageIds: values.message } : {}),
      ...(values.from ? { from: date(values.from, '--from', false)! } : {}),
      ...(values.to ? { to: date(values.to, '--to', true)! } : {}),
      ...(values.sender ? { sender: values.sender } : {}),
    };
    const port = portFrom(values.port);
    if (await helperRunning(port)) {
      throw new UsageError(`the helper is running on port ${port} and owns the proof store: export from the archive page, or stop the helper first`);
    }
    const tsaUrl = tsaUrlFrom(values['tsa-url']);
    const language = cliLanguage(values.lang);
    const say = messages(language);
    const ctx = await createContext({ dataDir: dataDirFrom(values['data-dir']), port, ...(tsaUrl ? { tsaUrl } : {}) });
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const bar = new ProgressBar(process.stderr, 'exporting');
    try {
      const signer = helperBundleSigner(ctx, language);
      const company = { ...(values['company-name'] ? { name: values['company-name'] } : {}), ...(values['company-cbe'] ? { cbe: values['company-cbe'] } : {}) };
      const input = { ...(await storeBundleInput(ctx, selection, company)), language };
      const result = await exportBundle(values.out, input, signer, {
        signal: controller.signal,
        onProgress: (p) => bar.update(p.bytes, input.totalBytes, `${p.messages}/${input.messageCount} messages`),
      });
      bar.done();
      console.log(say.wrote(result.path, result.messages, result.files, (result.bytes / 2 ** 20).toFixed(1)));
      for (const f of result.findings) console.log(`  ${f.status.toUpperCase()} ${f.file}: ${f.message}`);
      return 0;
    } catch (err) {
      bar.done();
      if (err instanceof SelectionError || err instanceof NoTsaError) throw new UsageError(err.message);
      console.error(say.exportFailed((err as Error).message));
      return 1;
    } finally {
      process.removeListener('SIGINT', onSigint);
      await ctx.store.close();
    }
  },
};
