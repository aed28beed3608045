/**
 * The entropy stage of the lab's gzip body, as deflate has one after LZ77: a canonical Huffman
 * code over the 128 possible token characters, code lengths at most 15, everything packed 7 bits
 * to a character (so the file stays one byte per character). Layout: 32 bits of symbol count,
 * 128 code lengths of 4 bits, then the codes.
 */

const SYMBOLS = 128;
const MAX_BITS = 15;

class BitWriter {
  private readonly out: string[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, bits: number): void {
    for (let b = bits - 1; b >= 0; b--) {
      this.acc = (this.acc << 1) | ((value >>> b) & 1);
      if (++this.n === 7) {
        this.out.push(String.fromCharCode(this.acc));
        this.acc = 0;
        this.n = 0;
      }
    }
  }

  finish(): string {
    if (this.n > 0) this.out.push(String.fromCharCode(this.acc << (7 - this.n)));
    return this.out.join('');
  }
}

class BitReader {
  private pos = 0;
  private bit = 7;

  constructor(private readonly s: string) {}

  /** The next bit, or -1 past the end. */
  next(): number {
    if (this.bit === 0) {
      this.pos++;
      this.bit = 7;
    }
    if (this.pos >= this.s.length) return -1;
    this.bit--;
    return (this.s.charCodeAt(this.pos) >> this.bit) & 1;
  }

  read(bits: number): number | undefined {
    let v = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.next();
      if (b < 0) return undefined;
      v = v * 2 + b;
    }
    return v;
  }
}

/** Code lengths for symbol frequencies (Huffman, flattened until no code is longer than 15). */
export function codeLengths(freq: readonly number[]): number[] {
  let f = [...freq];
  for (;;) {
    const lengths = new Array<number>(SYMBOLS).fill(0);
    type Node = { w: number; syms: number[] };
    let nodes: Node[] = f.map((w, s) => ({ w, syms: [s] })).filter((n) => n.w > 0);
    if (nodes.length === 1) lengths[nodes[0]!.syms[0]!] = 1;
    while (nodes.length > 1) {
      nodes.sort((a, b) => a.w - b.w || a.syms[0]! - b.syms[0]!);
      const [a, b] = [nodes[0]!, nodes[1]!];
      for (const s of [...a.syms, ...b.syms]) lengths[s] = lengths[s]! + 1;
      nodes = [{ w: a.w + b.w, syms: [...a.syms, ...b.syms] }, ...nodes.slice(2)];
    }
    if (Math.max(...lengths) <= MAX_BITS) return lengths;
    f = f.map((w) => (w > 0 ? Math.max(1, w >> 1) : 0));
  }
}

/** Canonical codes from lengths: shorter first, then by symbol. */
function canonical(lengths: readonly number[]): number[] {
  const codes = new Array<number>(SYMBOLS).fill(0);
  const order = lengths.map((l, s) => [l, s] as const).filter(([l]) => l > 0).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let code = 0;
  let prevLen = 0;
  for (const [len, sym] of order) {
    code <<= len - prevLen;
    codes[sym] = code;
    code++;
    prevLen = len;
  }
  return codes;
}

export function huffmanPack(symbols: string): string {
  const freq = new Array<number>(SYMBOLS).fill(0);
  for (let i = 0; i < symbols.length; i++) {
    const c = symbols.charCodeAt(i);
    freq[c] = freq[c]! + 1;
  }
  const lengths = codeLengths(freq);
  const codes = canonical(lengths);
  const w = new BitWriter();
  w.write(Math.floor(symbols.length / 65536), 16);
  w.write(symbols.length % 65536, 16);
  for (const l of lengths) w.write(l, 4);
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols.charCodeAt(i);
    w.write(codes[s]!, lengths[s]!);
  }
  return w.finish();
}

export function huffmanUnpack(packed: string): string | undefined {
  const r = new BitReader(packed);
  const hi = r.read(16);
  const lo = r.read(16);
  if (hi === undefined || lo === undefined) return undefined;
  const count = hi * 65536 + lo;
  const lengths: number[] = [];
  for (let i = 0; i < SYMBOLS; i++) {
    const l = r.read(4);
    if (l === undefined) return undefined;
    lengths.push(l);
  }
  const codes = canonical(lengths);
  // Decode table: (length, code) → symbol.
  const table = new Map<number, number>();
  lengths.forEach((l, s) => {
    if (l > 0) table.set(l * 65536 + codes[s]!, s);
  });
  const out: string[] = [];
  let chunk: number[] = [];
  for (let k = 0; k < count; k++) {
    let code = 0;
    let len = 0;
    let sym: number | undefined;
    while (sym === undefined) {
      const b = r.next();
      if (b < 0 || len >= MAX_BITS) return undefined;
      code = (code << 1) | b;
      len++;
      sym = table.get(len * 65536 + code);
    }
    chunk.push(sym);
    if (chunk.length === 8192) {
      out.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  }
  out.push(String.fromCharCode(...chunk));
  return out.join('');
}
