// Accent- and case-insensitive matching, as the e-Box's `q` search does ("Francois" finds "François").
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}
