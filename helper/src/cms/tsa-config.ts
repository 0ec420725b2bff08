// Which RFC 3161 time-stamping authority the helper asks: the one configured, never one it guessed. No operator
// page for a public qualified service was sourced for this project (../shared/real-app-notes.md names none), so a
// real installation names its own (--tsa-url or EBOX_KEEPER_TSA_URL), chosen from the qualified time-stamping
// services (type QTST) of a national trusted list; `npm start` runs the project's test TSA for the sandbox.
// Without one, receipts are CAdES-B-B and bundle export (CAdES-B-T) says what to do, in the user's language.

/** The TSA from the flag, else EBOX_KEEPER_TSA_URL; undefined when neither is set or either says "none". */
export function tsaUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = (flag ?? env.EBOX_KEEPER_TSA_URL ?? '').trim();
  return value === '' || value.toLowerCase() === 'none' ? undefined : value;
}
