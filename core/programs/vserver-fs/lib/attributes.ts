/**
 * The attribute letters of showattr and the attribute options of setattr (reference §6.2–6.4).
 * The seed's util-vserver (0.30.210, before 2008) prints seven letters — `a w h b u i x` — in
 * the order of their bits, each upper-case when set, lower-case when reported but clear and `-`
 * when the kernel does not report it for that inode.
 */
import { IATTR } from '../../../kernel/vfs/constants.js';
import type { OptionDef } from '../../lib/getopt.js';

/** showattr's letters in print order (lowest bit first), era B. */
const LETTERS: ReadonlyArray<readonly [string, number]> = [
  ['a', IATTR.ADMIN],
  ['w', IATTR.WATCH],
  ['h', IATTR.HIDE],
  ['b', IATTR.BARRIER],
  ['u', IATTR.IUNLINK],
  ['i', IATTR.IMMUTABLE],
  ['x', IATTR.TAG],
];

/** The flag field of one showattr line (7 characters). */
export function flagField(flags: number, mask: number): string {
  return LETTERS.map(([letter, bit]) => (!(mask & bit) ? '-' : flags & bit ? letter.toUpperCase() : letter)).join('');
}

/**
 * What showattr writes in place of the field (and its separating space) when vc_get_iattr
 * fails: 0.30.210 copies the 7 bytes "ERR   \0" into a blank buffer and writes 8 bytes, so a NUL
 * sits inside the padding (invisible on a terminal, `^@` under `cat -v`).
 */
export const ERROR_FIELD = 'ERR   \0 ';

/** One of setattr's attribute options: the bits it sets or clears. */
interface AttributeOption {
  long: string;
  /** getopt's identity of the option: two names with the same key are one option (`--immu`, `--iunlink`). */
  key: string;
  set?: number;
  clear?: number;
}

/** A "set" option, with its clear forms `--~name` and `--!name`. */
const SETTABLE: ReadonlyArray<readonly [names: readonly string[], key: string, bits: number]> = [
  // --iunlink sets both bits (CMD_IMMU falls through to CMD_IMMUX in fstool.c)
  [['immu', 'iunlink'], 'immu', IATTR.IMMUTABLE | IATTR.IUNLINK],
  [['iunlink-but-not-immutable', 'ixunlink'], 'immux', IATTR.IUNLINK],
  [['immutable'], 'immutable', IATTR.IMMUTABLE],
  [['admin'], 'admin', IATTR.ADMIN],
  [['watch'], 'watch', IATTR.WATCH],
  [['hide'], 'hide', IATTR.HIDE],
  [['barrier'], 'barrier', IATTR.BARRIER],
  [['write'], 'write', IATTR.WRITE],
  [['cow'], 'cow', IATTR.COW],
];

const ATTRIBUTE_OPTIONS: AttributeOption[] = SETTABLE.flatMap(([names, key, bits]) => [
  ...names.map((long) => ({ long, key: `set-${key}`, set: bits })),
  ...names.flatMap((long) => ['~', '!'].map((mark) => ({ long: mark + long, key: `clear-${key}`, clear: bits }))),
]);

const BY_KEY = new Map(ATTRIBUTE_OPTIONS.map((o) => [o.key, o]));

/** setattr's getopt_long table (short options -R -x, the attribute options, --flags). */
export const SETATTR_OPTIONS: readonly OptionDef[] = [
  { short: 'R', key: 'R' },
  { short: 'x', key: 'x' },
  ...ATTRIBUTE_OPTIONS.map((o) => ({ long: o.long, key: o.key })),
  { long: 'flags', key: 'flags', arg: 'required' },
  { long: '~flags', key: '~flags', arg: 'required' },
];

/** Add the bits of a parsed attribute option to the masks; false when the key is not one. */
export function applyAttributeOption(key: string, masks: { set: number; clear: number }): boolean {
  const o = BY_KEY.get(key);
  if (!o) return false;
  masks.set = (masks.set | (o.set ?? 0)) >>> 0;
  masks.clear = (masks.clear | (o.clear ?? 0)) >>> 0;
  return true;
}
