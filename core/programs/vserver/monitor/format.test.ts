import { describe, expect, it } from 'vitest';
import { shortenMem, shortenTime } from './vserver-stat.js';

describe('vserver-stat number formats (reference §9.1)', () => {
  it('memory: divide by 1024 while ≥ 1000, one truncated decimal, a suffix, 7 columns', () => {
    expect(shortenMem(39426048)).toBe('  37.5M');
    expect(shortenMem(5 * 1024 ** 3)).toBe('     5G');
    expect(shortenMem(1024)).toBe('     1K');
    expect(shortenMem(1536)).toBe('   1.5K');
    expect(shortenMem(1000)).toBe('   0.9K');
    expect(shortenMem(0)).toBe('     0 ');
  });

  it('time: m/s/cc under an hour (cc = the first two digits of the milliseconds), then h, d, y; 10 columns', () => {
    expect(shortenTime(205)).toBe('   0m00s20');
    expect(shortenTime(5)).toBe('   0m00s05');
    expect(shortenTime(50)).toBe('   0m00s50');
    expect(shortenTime((2 * 3600 + 61) * 1000)).toBe('   2h01m01');
    expect(shortenTime(((3 * 24 + 4) * 60 + 12) * 60_000)).toBe('   3d04h12');
    // 1,000 days: 2 years and day 270 of the third, cut to its first two digits (the reference's quirk).
    expect(shortenTime(1000 * 86400_000)).toBe('   2y27d00');
    expect(shortenTime(1e9 * 86400_000)).toBe('   INVALID');
  });
});
