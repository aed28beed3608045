import { describe, expect, it } from 'vitest';
import { listLines, parseUnhideLine, readValue } from './unhide-list.js';

describe('vprocunhide list lines', () => {
  it('no prefix or + unhides; a trailing slash recurses', () => {
    expect(parseUnhideLine('/proc/uptime')).toEqual({ params: ['--!hide'], words: '/proc/uptime' });
    expect(parseUnhideLine('+/proc/uptime')).toEqual({ params: ['--!hide'], words: '/proc/uptime' });
    expect(parseUnhideLine('/proc/net/')).toEqual({ params: ['--!hide', '-R'], words: '/proc/net/' });
  });

  it('the prefixes of the reference table', () => {
    expect(parseUnhideLine('-/proc/cmdline')!.params).toEqual(['--admin', '--hide']);
    expect(parseUnhideLine('~/proc/x')!.params).toEqual(['--admin', '--watch', '--hide']);
    expect(parseUnhideLine(':/proc/x')!.params).toEqual(['--watch', '--hide']);
    expect(parseUnhideLine('!/proc/x')!.params).toEqual(['--hide']);
    expect(parseUnhideLine('>/proc/x')!.params).toEqual(['--write']);
    expect(parseUnhideLine('-/proc/sys/debug/')).toEqual({ params: ['--admin', '--hide', '-R'], words: '/proc/sys/debug/' });
  });

  it('comments are skipped; only one prefix is taken', () => {
    expect(parseUnhideLine('# a comment')).toBeUndefined();
    expect(parseUnhideLine('  #indented')).toBeUndefined();
    expect(parseUnhideLine('--/proc/x')).toEqual({ params: ['--admin', '--hide'], words: '-/proc/x' });
  });

  it('read trims blanks and drops backslashes', () => {
    expect(readValue('  /proc/a b \t')).toBe('/proc/a b');
    expect(readValue('/proc/a\\ b')).toBe('/proc/a b');
  });

  it('a last line without a newline is never read', () => {
    expect(listLines('a\nb\n')).toEqual(['a', 'b']);
    expect(listLines('a\nb')).toEqual(['a']);
    expect(listLines('')).toEqual([]);
  });
});
