// Which RFC 3161 time-stamping authority the helper asks. Out of the box, a public qualified one: the Belgian
// federal government's (FPS Policy and Support, BOSA), free of charge and without an account, listed as a
// qualified time-stamping service on Belgium's trusted list (docs/bundle-format.md says how to check it).
// `--tsa-url none` (or EBOX_KEEPER_TSA_URL=none) runs without one: receipts are then CAdES-B-B and bundles cannot
// be exported (they are CAdES-B-T).
export const DEFAULT_TSA_URL = 'http://tsa.belgium.be/connect';

/** The TSA from the flag, else EBOX_KEEPER_TSA_URL, else the default; undefined for "none". */
export function tsaUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = (flag ?? env.EBOX_KEEPER_TSA_URL ?? DEFAULT_TSA_URL).trim();
  return value === '' || value.toLowerCase() === 'none' ? undefined : value;
}
