import { describe, expect, it } from 'vitest';
import { Md5, md5Hex } from './md5.js';

describe('MD5 (RFC 1321 test suite)', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ])('md5(%j)', (input, hex) => {
    expect(md5Hex(input)).toBe(hex);
  });
  it('is incremental and encodes text as UTF-8', () => {
    expect(new Md5().update('mess').update('age digest').hex()).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex('é')).toBe(new Md5().updateBytes([0xc3, 0xa9]).hex());
    expect(md5Hex('abc\n')).toBe('0bee89b07a248e27c83fc3d5951213c1');
  });
  it('handles lengths around the padding boundary', () => {
    expect(md5Hex('a'.repeat(55))).toBe('ef1772b6dff9a122358552954ad0df65');
    expect(md5Hex('a'.repeat(56))).toBe('3b0c8ac703f828b04c6c197006d17218');
    expect(md5Hex('a'.repeat(64))).toBe('014842d480b571495a4a0363793f7367');
  });
});
