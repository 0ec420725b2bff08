// RFC 8785 JSON Canonicalization Scheme for the values receipts hold (objects, arrays, strings, finite numbers,
// booleans, null): object keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms.
// Anyone can recompute a receipt's bytes, hence its Merkle leaf and its signature input, from its JSON.
// Every acknowledgement goes through here, so it appends to one string rather than building arrays to join.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return value === null ? 'null' : value ? 'true' : 'false';
  if (typeof value === 'string') return stringJson(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot canonicalise the number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 3.2.3 requires.
    const keys = Object.keys(obj).sort();
    let out = '{';
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined) continue;
      out += (out.length > 1 ? ',' : '') + stringJson(k) + ':' + canonicalJson(v);
    }
    return out + '}';
  }
  throw new TypeError(`cannot canonicalise a ${typeof value}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringJson(s: string): string {
  if (LONE_SURROGATE.test(s)) throw new TypeError('lone surrogate in a string');
  return JSON.stringify(s);
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}
