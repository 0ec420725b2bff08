// A pairing label is free text from the caller and is printed to the helper's console and `pairings list`:
// control, format (bidi overrides, zero-width) and line-separator characters would let it rewrite the terminal.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export function printableLabel(label: string): string {
  return label.replace(UNPRINTABLE, '').trim();
}
