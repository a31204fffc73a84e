/**
 * HTTP Range (RFC 9110 §14) against a known size. Pure: the handler decides headers and bodies.
 * `end` is exclusive, the way Vault.readBlob takes it; Content-Range wants it inclusive.
 */
export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (header == null) return { kind: 'full' };
  const eq = header.indexOf('=');
  // Any unit but bytes, or a header we cannot read, is ignored (RFC 9110 §14.2): the client gets the whole file.
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'full' };
  const specs = header.slice(eq + 1).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (specs.length === 0) return { kind: 'full' };

  const parsed: RangeResult[] = [];
  for (const spec of specs) {
    const r = parseOne(spec, size);
    if (r === null) return { kind: 'full' };
    parsed.push(r);
  }
  // Players and ffmpeg ask for one range; multipart/byteranges would cost a second body format for
  // nobody, so a set is answered with its first satisfiable range alone (a 206 for one range is a valid
  // answer to a set). 416 only when none of them can be served.
  return parsed.find((r) => r.kind !== 'unsatisfiable') ?? { kind: 'unsatisfiable' };
}

/** null: malformed, which voids the whole header. */
function parseOne(spec: string, size: number): RangeResult | null {
  const m = SPEC.exec(spec);
  if (!m) return null;
  const [, first, last] = m as unknown as [string, string, string];
  if (first === '' && last === '') return null;
  if (first === '') {
    const n = Number(last);
    if (n === 0) return { kind: 'unsatisfiable' };
    // An empty file has no bytes to name in a Content-Range, so a suffix of it is simply the (empty) whole.
    if (size === 0) return { kind: 'full' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size : Math.min(size, Number(last) + 1);
  return { kind: 'partial', start, end };
}
