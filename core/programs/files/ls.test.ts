import { describe, expect, it } from 'vitest';
import { hardTimeLocale, indent, layoutColumns, quoteName, versionCompare } from './ls.js';

describe('ls column layout (calculate_columns)', () => {
  it('fits as many columns as the width allows, down the columns', () => {
    // 10 names of 4 characters in 20 columns: widths 6,6,4 = 16 < 20 → 3 columns... 4 columns need 6*3+4 = 22.
    const r = layoutColumns(new Array(10).fill(4), 20, true);
    expect(r.cols).toBe(3);
    expect(r.widths).toEqual([6, 6, 4]);
  });
  it('one column when a name is wider than the line', () => {
    expect(layoutColumns([100, 3, 3], 80, true).cols).toBe(1);
  });
  it('a single name', () => {
    expect(layoutColumns([5], 80, true)).toEqual({ cols: 1, widths: [5] });
  });
  it('uses the widest name of each column', () => {
    const r = layoutColumns([1, 10, 1, 1], 80, true);
    expect(r.cols).toBe(4);
    expect(r.widths).toEqual([3, 12, 3, 3]); // a column is never narrower than MIN_COLUMN_WIDTH
  });
  it('across (-x) groups by position in the row', () => {
    const r = layoutColumns([1, 10, 1, 10], 20, false);
    expect(r).toEqual({ cols: 2, widths: [3, 10] });
    const wide = layoutColumns([1, 10, 1, 10], 80, false);
    expect(wide.widths).toEqual([3, 12, 3, 10]);
  });
  it('the 80-column terminal default with /bin-like names', () => {
    const names = 'arch awk basename bash cat chgrp chmod chown cp cpio csh cut date dd df dmesg echo ed egrep env ex false fgrep gawk grep gunzip gzip hostname kill ln ls mail mkdir mknod more mount mv netstat nice ping ps pwd rm rmdir sed sh sleep sort stty su sync tar touch true umount uname vi zcat'.split(' ');
    const r = layoutColumns(names.map((n) => n.length), 80, true);
    expect(r.cols).toBe(10);
  });
});

describe('indent with tabs', () => {
  it.each([
    [0, 8, 8, '\t'],
    [3, 8, 8, '\t'],
    [3, 6, 8, '   '],
    [6, 16, 8, '\t\t'],
    [7, 9, 8, '  '],
    [7, 17, 8, '\t\t '],
    [3, 8, 0, '     '],
  ])('from %d to %d (tab %d)', (from, to, tab, s) => {
    expect(indent(from, to, tab)).toBe(s);
  });
});

describe('names and order', () => {
  it('question marks for control characters on a terminal', () => {
    expect(quoteName('a\nb', 'literal', true)).toBe('a?b');
    expect(quoteName('a\nb', 'literal', false)).toBe('a\nb');
    expect(quoteName('a b\n', 'escape', false)).toBe('a\\ b\\n');
    expect(quoteName('a"b', 'c', false)).toBe('"a\\"b"');
    expect(quoteName('café', 'literal', true)).toBe('café');
  });
  it('version sort', () => {
    expect(['a10', 'a2', 'a1'].sort(versionCompare)).toEqual(['a1', 'a2', 'a10']);
  });
  it('a non-C LANG makes the default time style long-iso', () => {
    expect(hardTimeLocale({})).toBe(false);
    expect(hardTimeLocale({ LANG: 'C' })).toBe(false);
    expect(hardTimeLocale({ LANG: 'fr_FR.UTF-8' })).toBe(true);
    expect(hardTimeLocale({ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' })).toBe(false);
  });
});
