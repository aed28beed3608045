import { describe, expect, it } from 'vitest';
import { xidField } from './lsxid.js';
import { parseBlockSize } from './vdu.js';

describe('lsxid field', () => {
  it('right-aligns a name or xid in 20 columns, !!ERR!! to the left; a longer name overflows', () => {
    expect(xidField('33')).toBe(`${' '.repeat(18)}33`);
    expect(xidField(undefined)).toBe(`!!ERR!!${' '.repeat(13)}`);
    expect(xidField('a-very-long-vserver-name')).toBe('a-very-long-vserver-name');
  });
});

describe('vdu --blocksize', () => {
  it('takes strtoul numbers with a K/M (1024) or k/m (1000) suffix', () => {
    expect(parseBlockSize('512')).toBe(512);
    expect(parseBlockSize('0x200')).toBe(512);
    expect(parseBlockSize('4K')).toBe(4096);
    expect(parseBlockSize('1M')).toBe(1048576);
    expect(parseBlockSize('4k')).toBe(4000);
    expect(parseBlockSize('1m')).toBe(1000000);
    expect(parseBlockSize('0')).toBe(0);
  });

  it('refuses anything else', () => {
    expect(parseBlockSize('')).toBeUndefined();
    expect(parseBlockSize('1x')).toBeUndefined();
    expect(parseBlockSize('1KB')).toBeUndefined();
    expect(parseBlockSize('K')).toBeUndefined();
    expect(parseBlockSize('99999999999')).toBeUndefined();
  });
});
