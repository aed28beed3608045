import { describe, expect, it } from 'vitest';
import { asInt, CDLIM_INFINITY, CDLIM_KEEP, isHigher, keepAll, setField, toDiskLimit } from './dlimit-fields.js';

describe('vdlimit --set fields', () => {
  it('stores each field once, as an unsigned 32-bit value', () => {
    const v = keepAll();
    expect(setField(v, 'space_total=1000')).toBeUndefined();
    expect(setField(v, 'inodes_total=-1')).toBeUndefined();
    expect(setField(v, 'reserved=0x5')).toBeUndefined();
    expect(v).toEqual({ space_used: CDLIM_KEEP, space_total: 1000, inodes_used: CDLIM_KEEP, inodes_total: CDLIM_INFINITY, reserved: 5 });
    expect(toDiskLimit(v)).toEqual({ spaceTotal: 1000, inodesTotal: -1, reserved: 5 });
  });

  it('refuses what vdlimit refuses, with its words', () => {
    const v = keepAll();
    expect(setField(v, 'space=1')).toBe("unknown limit in 'space=1'");
    expect(setField(v, 'space_used')).toBe("unknown limit in 'space_used'");
    expect(setField(v, 'space_used=')).toBe("can not parse number in 'space_used='");
    expect(setField(v, 'space_used=1k')).toBe("can not parse number in 'space_used=1k'");
    expect(setField(v, 'space_used=1')).toBeUndefined();
    expect(setField(v, 'space_used=2')).toBe("value already set in 'space_used=2'");
  });

  it('-2 is CDLIM_KEEP: the field counts as not set', () => {
    const v = keepAll();
    expect(setField(v, 'reserved=-2')).toBeUndefined();
    expect(setField(v, 'reserved=3')).toBeUndefined();
    expect(v.reserved).toBe(3);
  });

  it('isHigher compares unsigned values that are both given', () => {
    expect(isHigher(300, 200)).toBe(true);
    expect(isHigher(200, 300)).toBe(false);
    expect(isHigher(CDLIM_INFINITY, 10)).toBe(true);
    expect(isHigher(10, CDLIM_INFINITY)).toBe(false);
    expect(isHigher(300, CDLIM_KEEP)).toBe(false);
  });

  it('values print as C ints', () => {
    expect(asInt(-1)).toBe('-1');
    expect(asInt(0xfffffffb)).toBe('-5');
    expect(asInt(200)).toBe('200');
  });
});
