// Bundles the web app's client (Preact + TypeScript) with esbuild, once per process, in memory.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export interface ClientBundle {
  js: string;
  css: string;
}

let cached: Promise<ClientBundle> | undefined;

export function clientBundle(): Promise<ClientBundle> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL('./client/main.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: '/assets',
    loader: { '.css': 'css' },
    minify: true,
    sourcemap: false,
    logLevel: 'silent',
  }).then((result) => {
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
    const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
    if (!js || !css) throw new Error('the web app bundle lacks its JavaScript or its stylesheet');
    return { js: js.text, css: css.text };
  });
  return cached;
}
