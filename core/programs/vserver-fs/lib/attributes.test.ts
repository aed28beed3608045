import { describe, expect, it } from 'vitest';
import { IATTR } from '../../../kernel/vfs/constants.js';
import { applyAttributeOption, ERROR_FIELD, flagField, SETATTR_OPTIONS } from './attributes.js';

const FILE_MASK = IATTR.IUNLINK | IATTR.IMMUTABLE;
const DIR_MASK = FILE_MASK | IATTR.BARRIER;
const PROC_MASK = FILE_MASK | IATTR.ADMIN | IATTR.WATCH | IATTR.HIDE;

describe('flagField', () => {
  it('prints the reference rows in the 7-letter era-B format', () => {
    expect(flagField(IATTR.ADMIN, PROC_MASK)).toBe('Awh-ui-');
    expect(flagField(IATTR.ADMIN | IATTR.HIDE, PROC_MASK)).toBe('AwH-ui-');
    expect(flagField(IATTR.ADMIN | IATTR.WATCH | IATTR.HIDE, PROC_MASK)).toBe('AWH-ui-');
    expect(flagField(0, FILE_MASK)).toBe('----ui-');
    expect(flagField(0, DIR_MASK)).toBe('---bui-');
    expect(flagField(IATTR.BARRIER, DIR_MASK)).toBe('---Bui-');
    expect(flagField(IATTR.IUNLINK | IATTR.IMMUTABLE, FILE_MASK)).toBe('----UI-');
    expect(flagField(IATTR.TAG, FILE_MASK | IATTR.TAG)).toBe('----uiX');
  });

  it('a set bit outside the mask still prints as not reported', () => {
    expect(flagField(IATTR.BARRIER | IATTR.HIDE, FILE_MASK)).toBe('----ui-');
  });

  it('the error field is 8 bytes with the old NUL inside', () => {
    expect(ERROR_FIELD).toHaveLength(8);
    expect(ERROR_FIELD.indexOf('\0')).toBe(6);
  });
});

describe('setattr options', () => {
  const masks = (...keys: string[]) => {
    const m = { set: 0, clear: 0 };
    for (const k of keys) expect(applyAttributeOption(k, m)).toBe(true);
    return m;
  };
  const key = (long: string) => SETATTR_OPTIONS.find((o) => o.long === long)!.key!;

  it('--iunlink and --immu set both bits; their clear forms clear both', () => {
    expect(masks(key('iunlink'))).toEqual({ set: IATTR.IUNLINK | IATTR.IMMUTABLE, clear: 0 });
    expect(key('immu')).toBe(key('iunlink'));
    expect(masks(key('~iunlink'))).toEqual({ set: 0, clear: IATTR.IUNLINK | IATTR.IMMUTABLE });
    expect(masks(key('!immu'))).toEqual({ set: 0, clear: IATTR.IUNLINK | IATTR.IMMUTABLE });
  });

  it('--iunlink-but-not-immutable, --ixunlink and --immutable set one bit each', () => {
    expect(masks(key('iunlink-but-not-immutable'))).toEqual({ set: IATTR.IUNLINK, clear: 0 });
    expect(key('ixunlink')).toBe(key('iunlink-but-not-immutable'));
    expect(masks(key('immutable'), key('!ixunlink'))).toEqual({ set: IATTR.IMMUTABLE, clear: IATTR.IUNLINK });
  });

  it('every attribute has a ~ and a ! clear form', () => {
    for (const name of ['admin', 'watch', 'hide', 'barrier', 'write', 'cow']) {
      const set = masks(key(name)).set;
      expect(set).not.toBe(0);
      expect(masks(key(`~${name}`))).toEqual({ set: 0, clear: set });
      expect(masks(key(`!${name}`))).toEqual({ set: 0, clear: set });
    }
  });

  it('other keys are not attribute options', () => {
    expect(applyAttributeOption('R', { set: 0, clear: 0 })).toBe(false);
    expect(applyAttributeOption('flags', { set: 0, clear: 0 })).toBe(false);
  });
});
