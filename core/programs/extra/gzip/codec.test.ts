import { describe, expect, it } from 'vitest';
import { crc32, gzipDecode, gzipEncode, gzipHeader, gzipOriginalSize, packBody, unpackBody } from './codec.js';
import { codeLengths, huffmanPack, huffmanUnpack } from './huffman.js';
import { ratioText, uncompressedName } from './gzip.js';

/** A deterministic mixture of text, repeats, zeros and non-ASCII characters. */
function sample(n: number, seed = 7): string {
  let s = seed;
  let out = '';
  const words = ['root', 'vserver', '\0\0\0\0', 'été', 'ctx=42 ', '\n', 'x'.repeat(300), '日本'];
  while (out.length < n) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out += words[s % words.length]!;
  }
  return out.slice(0, n);
}

describe('the lab gzip body', () => {
  it('round-trips any text', () => {
    for (const text of ['', 'a', 'aaaa', 'abcabcabcabc', sample(5000), sample(70000, 3), '\u{1F600}x\u{1F600}']) {
      expect(unpackBody(packBody(text))).toBe(text);
    }
  });
  it('writes only 7-bit characters', () => {
    expect(/^[\x00-\x7f]*$/.test(packBody(sample(3000)))).toBe(true);
  });
  it('compresses text and runs of zeros', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `${i + 1}\n`).join('');
    expect(packBody(text).length).toBeLessThan(text.length * 0.7);
    expect(packBody('\0'.repeat(1 << 20)).length).toBeLessThan(200);
  });
  it('rejects a damaged body', () => {
    expect(unpackBody('\x7f\x7f\x7f')).toBeUndefined();
  });
});

describe('huffman stage', () => {
  it('limits code lengths to 15 bits', () => {
    const fib = [1, 1];
    while (fib.length < 40) fib.push(fib[fib.length - 1]! + fib[fib.length - 2]!);
    const freq = new Array(128).fill(0).map((_, i) => fib[i] ?? 0);
    expect(Math.max(...codeLengths(freq))).toBeLessThanOrEqual(15);
  });
  it('round-trips one repeated symbol and all symbols', () => {
    const all = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
    for (const s of ['', 'aaaa', all + all]) expect(huffmanUnpack(huffmanPack(s))).toBe(s);
  });
});

describe('gzip files', () => {
  it('carry gzip magic, name, time, CRC-32 and size', () => {
    const gz = gzipEncode('hello\n', { name: 'hello.txt', mtime: 1148972400 }, 6);
    expect(gz.startsWith('\x1f\x8b\x08\x08')).toBe(true);
    expect(gzipHeader(gz)).toMatchObject({ name: 'hello.txt', mtime: 1148972400, os: 3 });
    expect(gzipOriginalSize(gz)).toBe(6);
    expect(gzipDecode(gz)).toMatchObject({ kind: 'ok', data: 'hello\n', size: 6 });
  });
  it('CRC-32 is the standard one', () => {
    expect(crc32('123456789').toString(16)).toBe('cbf43926');
  });
  it('detects damage and foreign data', () => {
    const gz = gzipEncode('hello\n', { mtime: 0 }, 6);
    const badCrc = gz.slice(0, -8) + '\0\0\0\0' + gz.slice(-4);
    expect(gzipDecode(badCrc).kind).toBe('crc');
    expect(gzipDecode('plain text').kind).toBe('not-gzip');
  });
});

describe('gzip helpers', () => {
  it('display_ratio', () => {
    expect(ratioText(723, 1000)).toBe(' 72.3%');
    expect(ratioText(-121, 1000)).toBe('-12.1%');
    expect(ratioText(5, 0)).toBe('  0.0%');
  });
  it('the names gunzip gives', () => {
    expect(uncompressedName('a.gz', '.gz')).toBe('a');
    expect(uncompressedName('a.tgz', '.gz')).toBe('a.tar');
    expect(uncompressedName('a-z', '.gz')).toBe('a');
    expect(uncompressedName('a.txt', '.gz')).toBeUndefined();
  });
});
