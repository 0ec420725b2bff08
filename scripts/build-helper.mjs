// `npm run build:helper` (also `prepare`, so `npm ci` and `npm pack` build it): compiles the helper and the shared
// model it imports to plain JavaScript in dist/, one file per source file, so the `ebox-keeper` command runs
// without TypeScript stripping and loads only the modules a command needs. Libraries stay in node_modules.
// Plain JavaScript itself, so it runs on any Node the project supports.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const HELPER_DIST = join(root, 'dist');

/** What the helper runs: its sources and the shared model, without tests, fixtures and test support. */
function sources(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.(test|fixture|bench|d)\.ts$/.test(e.name) && !/(^|-)test-/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

// zod is some 70 modules with its locales; one pre-built file of it loads in half the time and about 6 MB less
// (measured), which is most of what the idle helper may hold beyond Node itself. Every module imports that one copy.
const VENDOR_ZOD = join(HELPER_DIST, 'vendor', 'zod.js');
const zodFromVendor = {
  name: 'zod-from-vendor',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) => {
      const out = join(HELPER_DIST, relative(root, dirname(args.importer)));
      return { path: relative(out, VENDOR_ZOD).replace(/^(?!\.)/, './'), external: true };
    });
  },
};

// Each file stays a module of its own: a relative import is rewritten from .ts to .js and left to Node to load
// (JSON, package.json for the version, is inlined).
const relativeImportsStayModules = {
  name: 'relative-imports-stay-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' || args.path.endsWith('.json') ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true }));
  },
};

export async function buildHelper() {
  rmSync(HELPER_DIST, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    stdin: { contents: "export * from 'zod';", resolveDir: root, loader: 'js' },
    outfile: VENDOR_ZOD,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
  });
  await build({
    absWorkingDir: root,
    entryPoints: [...sources('helper/src'), ...sources('shared')],
    outdir: HELPER_DIST,
    outbase: root,
    bundle: true,
    packages: 'external',
    plugins: [zodFromVendor, relativeImportsStayModules],
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // Files the helper reads beside its code (the PDF/A colour profile, the shipped trusted-list snapshot), at the
  // same place relative to the compiled modules as to the sources.
  for (const dir of ['helper/assets', 'helper/trusted-lists']) cpSync(join(root, dir), join(HELPER_DIST, dir), { recursive: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildHelper();
