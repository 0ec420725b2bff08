// RFC 8785 JSON Canonicalization Scheme for the values receipts hold (objects, arrays, strings, finite numbers,
// booleans, null): object keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms.
// Anyone can recompute a receipt's bytes, hence its Merkle leaf and its signature input, from its JSON.
//
// Every acknowledgement goes through here. RFC 8785's string and number forms are exactly JSON.stringify's, so the
// value is copied with its keys inserted in sorted order (every member checked on the way) and written by the
// native JSON.stringify in one call. JavaScript lists array-index keys ("0", "42") first and in numeric order
// whatever the insertion order, so a value holding such keys is written member by member instead.
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value);
  if (copy === HAS_INDEX_KEYS) return memberByMember(value);
  const text = JSON.stringify(copy);
  // JSON.stringify writes a lone surrogate as a \uD800-\uDFFF escape (an odd number of backslashes before the u);
  // RFC 8785 refuses such strings. Paired surrogates are written as they are, and never match.
  if (LONE_SURROGATE_ESCAPE.test(text)) throw new TypeError('lone surrogate in a string');
  return text;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

const LONE_SURROGATE_ESCAPE = /(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const HAS_INDEX_KEYS = Symbol('has array-index keys');

function checkedNumber(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalise the number ${value}`);
  return value;
}

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return checkedNumber(value);
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = sortedCopy(value[i]);
      if (v === HAS_INDEX_KEYS) return HAS_INDEX_KEYS;
      copy[i] = v;
    }
    return copy;
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 3.2.3 requires.
    const keys = Object.keys(obj).sort();
    // No prototype: a "__proto__" member (JSON.parse makes one) stays a member instead of setting the prototype.
    const copy = Object.create(null) as Record<string, unknown>;
    for (const k of keys) {
      if (obj[k] === undefined) continue;
      if (ARRAY_INDEX.test(k)) return HAS_INDEX_KEYS;
      const v = sortedCopy(obj[k]);
      if (v === HAS_INDEX_KEYS) return HAS_INDEX_KEYS;
      copy[k] = v;
    }
    return copy;
  }
  throw new TypeError(`cannot canonicalise a ${typeof value}`);
}

/** The same text, written one member at a time: for values whose key order JavaScript objects cannot hold. */
function memberByMember(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return JSON.stringify(checkedNumber(value));
  if (typeof value === 'string') return stringJson(value);
  if (Array.isArray(value)) return `[${value.map(memberByMember).join(',')}]`;
  if (typeof value !== 'object') throw new TypeError(`cannot canonicalise a ${typeof value}`);
  const obj = value as Record<string, unknown>;
  const members = Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${stringJson(k)}:${memberByMember(obj[k])}`);
  return `{${members.join(',')}}`;
}

function stringJson(s: string): string {
  if (LONE_SURROGATE.test(s)) throw new TypeError('lone surrogate in a string');
  return JSON.stringify(s);
}
