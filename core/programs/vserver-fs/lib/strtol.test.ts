import { describe, expect, it } from 'vitest';
import { consumedAll, strtol, strtoul } from './strtol.js';

describe('strtol / strtoul (base 0, 32-bit long)', () => {
  it('reads decimal, hex and octal, and says where it stopped', () => {
    expect(strtol('42')).toEqual({ value: 42, end: 2, overflow: false });
    expect(strtol('0x1F')).toEqual({ value: 31, end: 4, overflow: false });
    expect(strtol('010')).toEqual({ value: 8, end: 3, overflow: false });
    expect(strtol('  -7z')).toEqual({ value: -7, end: 4, overflow: false });
    expect(strtol('12', 10)).toEqual({ value: 12, end: 2, overflow: false });
    expect(strtol('010', 10).value).toBe(10);
  });

  it('no digits: end 0 (endptr == nptr); "0x" alone is the 0 before the x', () => {
    expect(strtol('abc').end).toBe(0);
    expect(strtol('-').end).toBe(0);
    expect(strtol('0x')).toEqual({ value: 0, end: 1, overflow: false });
    expect(strtol('0x1z')).toEqual({ value: 1, end: 3, overflow: false });
  });

  it('clamps on overflow', () => {
    expect(strtol('5000000000')).toEqual({ value: 0x7fffffff, end: 10, overflow: true });
    expect(strtol('-5000000000').value).toBe(-0x80000000);
    expect(strtoul('0x100000000')).toEqual({ value: 0xffffffff, end: 11, overflow: true });
  });

  it('strtoul negates in unsigned arithmetic', () => {
    expect(strtoul('-1').value).toBe(0xffffffff);
    expect(strtoul('-2').value).toBe(0xfffffffe);
    expect(strtoul('0x10000').value).toBe(0x10000);
  });

  it('consumedAll is *endptr == 0, true for the empty string', () => {
    expect(consumedAll('12', strtoul('12'))).toBe(true);
    expect(consumedAll('', strtoul(''))).toBe(true);
    expect(consumedAll('  ', strtoul('  '))).toBe(false);
    expect(consumedAll('12k', strtoul('12k'))).toBe(false);
  });
});
