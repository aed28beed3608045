/**
 * The lab's gzip format. The header and trailer are gzip's (RFC 1952: magic 1f 8b, method 8,
 * flags, mtime, original name, CRC-32 and size), so `file` and gunzip recognise the file and
 * `gzip -l` reports real sizes. The body is not deflate but a small LZ77 of our own written in
 * 7-bit characters: reversible, deterministic, and compressing text and runs of zeros about as
 * much as deflate does: LZ77 tokens, then a Huffman code over them (huffman.ts).
 *
 * LZ77 tokens: a char 0–63 starts a run of 1–64 literals (a literal below 0x7f is itself, else
 * 0x7f and three 7-bit chars); 64–126 is a match of length 3–65, 127 a match whose length
 * follows as a number; then the distance as a number (6 bits a char, 64 set = more follows).
 */

import { huffmanPack, huffmanUnpack } from './huffman.js';

export const GZIP_ID = '\x1f\x8b';
const METHOD_DEFLATE = '\x08';
const FLAG_NAME = 0x08;
const OS_UNIX = 3;
const WINDOW = 32768;
const MAX_CHAIN = 32;

function putNumber(out: string[], n: number): void {
  while (n >= 64) {
    out.push(String.fromCharCode((n % 64) | 64));
    n = Math.floor(n / 64);
  }
  out.push(String.fromCharCode(n));
}

function flushLiterals(out: string[], lits: number[]): void {
  for (let i = 0; i < lits.length; i += 64) {
    const run = lits.slice(i, i + 64);
    out.push(String.fromCharCode(run.length - 1));
    for (const c of run) {
      if (c < 0x7f) out.push(String.fromCharCode(c));
      else out.push('\x7f', String.fromCharCode(c >> 14, (c >> 7) & 127, c & 127));
    }
  }
  lits.length = 0;
}

/** The body of a text: LZ77 tokens, then Huffman-coded (a string of 7-bit characters). */
export function packBody(data: string): string {
  return huffmanPack(lz77Tokens(data));
}

/** The text of a body, or undefined when it is malformed. */
export function unpackBody(body: string): string | undefined {
  const tokens = huffmanUnpack(body);
  return tokens === undefined ? undefined : lz77Text(tokens);
}

/** LZ77 tokens of a text (7-bit characters). */
function lz77Tokens(data: string): string {
  const out: string[] = [];
  const lits: number[] = [];
  const head = new Int32Array(65536).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const n = data.length;
  const hashAt = (i: number) => ((data.charCodeAt(i) * 977 + data.charCodeAt(i + 1) * 31 + data.charCodeAt(i + 2)) & 0xffff) >>> 0;
  const insert = (i: number) => {
    if (i + 2 >= n) return;
    const h = hashAt(i);
    prev[i % WINDOW] = head[h]!;
    head[h] = i;
  };
  let i = 0;
  while (i < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + 2 < n) {
      let cand = head[hashAt(i)]!;
      for (let chain = 0; cand >= 0 && i - cand <= WINDOW && chain < MAX_CHAIN; chain++) {
        let len = 0;
        while (i + len < n && data.charCodeAt(cand + len) === data.charCodeAt(i + len)) len++;
        if (len > bestLen) {
          bestLen = len;
          bestDist = i - cand;
        }
        const next = prev[cand % WINDOW]!;
        if (next >= cand) break;
        cand = next;
      }
    }
    if (bestLen >= 3) {
      flushLiterals(out, lits);
      if (bestLen <= 65) out.push(String.fromCharCode(64 + bestLen - 3));
      else {
        out.push('\x7f');
        putNumber(out, bestLen);
      }
      putNumber(out, bestDist);
      // Index the matched positions (all of a short match, the tail of a long run).
      const from = bestLen > 256 ? i + bestLen - 256 : i;
      for (let j = from; j < i + bestLen; j++) insert(j);
      i += bestLen;
    } else {
      lits.push(data.charCodeAt(i));
      insert(i);
      i++;
    }
  }
  flushLiterals(out, lits);
  return out.join('');
}

/** The text of LZ77 tokens, or undefined when they are malformed. */
function lz77Text(body: string): string | undefined {
  const out: number[] = [];
  const parts: string[] = [];
  let i = 0;
  const number = (): number | undefined => {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (i >= body.length) return undefined;
      const c = body.charCodeAt(i++);
      n += (c & 63) * scale;
      if (c < 64) return n;
      scale *= 64;
    }
  };
  const flush = () => {
    // Keep the last window for back-references, emit the rest.
    if (out.length > 4 * WINDOW) {
      const cut = out.length - WINDOW;
      parts.push(fromCodes(out.slice(0, cut)));
      out.splice(0, cut);
    }
  };
  while (i < body.length) {
    const t = body.charCodeAt(i++);
    if (t < 64) {
      for (let k = 0; k <= t; k++) {
        if (i >= body.length) return undefined;
        const c = body.charCodeAt(i++);
        if (c < 0x7f) out.push(c);
        else {
          if (i + 3 > body.length) return undefined;
          out.push((body.charCodeAt(i) << 14) | (body.charCodeAt(i + 1) << 7) | body.charCodeAt(i + 2));
          i += 3;
        }
      }
    } else if (t < 128) {
      const len = t === 127 ? number() : t - 64 + 3;
      const dist = number();
      if (len === undefined || dist === undefined || dist < 1 || dist > out.length) return undefined;
      for (let k = 0; k < len; k++) {
        out.push(out[out.length - dist]!);
        if ((k & 0xffff) === 0xffff) flush();
      }
    } else return undefined;
    flush();
  }
  parts.push(fromCodes(out));
  return parts.join('');
}

function fromCodes(codes: number[]): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCharCode(...codes.slice(i, i + 8192));
  return s;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of the UTF-8 bytes of a text. */
export function crc32(text: string): number {
  let c = 0xffffffff;
  const feed = (b: number) => {
    c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) feed(cp);
    else if (cp < 0x800) {
      feed(0xc0 | (cp >> 6));
      feed(0x80 | (cp & 63));
    } else if (cp < 0x10000) {
      feed(0xe0 | (cp >> 12));
      feed(0x80 | ((cp >> 6) & 63));
      feed(0x80 | (cp & 63));
    } else {
      feed(0xf0 | (cp >> 18));
      feed(0x80 | ((cp >> 12) & 63));
      feed(0x80 | ((cp >> 6) & 63));
      feed(0x80 | (cp & 63));
    }
  }
  return (c ^ 0xffffffff) >>> 0;
}

const le32 = (n: number) => String.fromCharCode(n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255);
const readLe32 = (s: string, at: number) => (s.charCodeAt(at) | (s.charCodeAt(at + 1) << 8) | (s.charCodeAt(at + 2) << 16) | (s.charCodeAt(at + 3) << 24)) >>> 0;

export interface GzipHeader {
  /** The original name (gzip -N), when stored. */
  name?: string;
  /** Modification time of the original, epoch seconds (0 = none). */
  mtime: number;
  /** Compression level 9 (XFL 2) or 1 (XFL 4) marks; others 0. */
  level?: number;
}

/** A whole .gz file for a text. `byteLength` gives ISIZE (the original's size in bytes). */
export function gzipEncode(data: string, header: GzipHeader, byteLength: number): string {
  const flags = header.name !== undefined ? FLAG_NAME : 0;
  const xfl = header.level === 9 ? 2 : header.level === 1 ? 4 : 0;
  return (
    GZIP_ID + METHOD_DEFLATE + String.fromCharCode(flags) + le32(header.mtime) + String.fromCharCode(xfl, OS_UNIX) +
    (header.name !== undefined ? header.name + '\0' : '') + packBody(data) + le32(crc32(data)) + le32(byteLength >>> 0)
  );
}

export type GzipDecoded = { kind: 'ok'; data: string; header: GzipHeader; crc: number; size: number } | { kind: 'not-gzip' } | { kind: 'corrupt' } | { kind: 'crc' } | { kind: 'unexpected-end' };

/** Parse the header only (gzip -l, file). */
export function gzipHeader(file: string): (GzipHeader & { bodyStart: number; flags: number; xfl: number; os: number }) | undefined {
  if (!file.startsWith(GZIP_ID) || file.length < 10 || file[2] !== METHOD_DEFLATE) return undefined;
  const flags = file.charCodeAt(3);
  let at = 10;
  let name: string | undefined;
  if (flags & FLAG_NAME) {
    const end = file.indexOf('\0', at);
    if (end < 0) return undefined;
    name = file.slice(at, end);
    at = end + 1;
  }
  const xfl = file.charCodeAt(8);
  return { name, mtime: readLe32(file, 4), level: xfl === 2 ? 9 : xfl === 4 ? 1 : undefined, bodyStart: at, flags, xfl, os: file.charCodeAt(9) };
}

export function gzipDecode(file: string): GzipDecoded {
  if (!file.startsWith(GZIP_ID)) return { kind: 'not-gzip' };
  const h = gzipHeader(file);
  if (!h) return { kind: 'corrupt' };
  if (file.length < h.bodyStart + 8) return { kind: 'unexpected-end' };
  const data = unpackBody(file.slice(h.bodyStart, file.length - 8));
  if (data === undefined) return { kind: 'corrupt' };
  const crc = readLe32(file, file.length - 8);
  if (crc !== crc32(data)) return { kind: 'crc' };
  return { kind: 'ok', data, header: { name: h.name, mtime: h.mtime, level: h.level }, crc, size: readLe32(file, file.length - 4) };
}

/** The trailer's ISIZE: the original size in bytes (gzip -l). */
export function gzipOriginalSize(file: string): number {
  return file.length >= 18 ? readLe32(file, file.length - 4) : 0;
}
