import { describe, expect, it } from 'vitest';
import { baseOf, dirOf, fileTypeName, HUMAN_H, HUMAN_SI, humanReadable, joinPath, modeString, parseSize } from './format.js';

describe('modeString', () => {
  it.each([
    ['file', 0o644, '-rw-r--r--'],
    ['dir', 0o755, 'drwxr-xr-x'],
    ['dir', 0o1777, 'drwxrwxrwt'],
    ['dir', 0o1770, 'drwxrwx--T'],
    ['file', 0o4755, '-rwsr-xr-x'],
    ['file', 0o4644, '-rwSr--r--'],
    ['file', 0o2755, '-rwxr-sr-x'],
    ['file', 0o2644, '-rw-r-Sr--'],
    ['symlink', 0o777, 'lrwxrwxrwx'],
    ['chardev', 0o666, 'crw-rw-rw-'],
    ['blockdev', 0o660, 'brw-rw----'],
    ['fifo', 0o644, 'prw-r--r--'],
    ['socket', 0o755, 'srwxr-xr-x'],
    ['file', 0, '----------'],
  ] as const)('%s %o → %s', (type, perm, expected) => {
    expect(modeString(type, perm)).toBe(expected);
  });
});

describe('humanReadable (gnulib, rounding up)', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [1023, '1023'],
    [1024, '1.0K'],
    [1025, '1.1K'],
    [1536, '1.5K'],
    [4096, '4.0K'],
    [10239, '10K'],
    [10240, '10K'],
    [10241, '11K'],
    [1048576, '1.0M'],
    [1048577, '1.1M'],
    [1073741824, '1.0G'],
    [35 * 1024 ** 3, '35G'],
  ])('-h of %d bytes is %s', (n, s) => {
    expect(humanReadable(n, HUMAN_H, 1, 1)).toBe(s);
  });
  it('--si uses powers of 1000 and a lower-case k', () => {
    expect(humanReadable(1000, HUMAN_SI, 1, 1)).toBe('1.0k');
    expect(humanReadable(1500000, HUMAN_SI, 1, 1)).toBe('1.5M');
  });
  it('converts block counts, rounding up', () => {
    expect(humanReadable(8, {}, 512, 1024)).toBe('4');
    expect(humanReadable(7, {}, 512, 1024)).toBe('4');
    expect(humanReadable(1, {}, 512, 1024)).toBe('1');
    expect(humanReadable(262144, {}, 4096, 1024)).toBe('1048576');
    expect(humanReadable(8, HUMAN_H, 512, 1)).toBe('4.0K');
  });
});

describe('names', () => {
  it('file type words', () => {
    expect(fileTypeName({ type: 'file', size: 0 })).toBe('regular empty file');
    expect(fileTypeName({ type: 'file', size: 3 })).toBe('regular file');
    expect(fileTypeName({ type: 'chardev', size: 0 })).toBe('character special file');
  });
  it('path helpers', () => {
    expect(joinPath('/', 'etc')).toBe('/etc');
    expect(joinPath('a', 'b')).toBe('a/b');
    expect(baseOf('/usr/bin/')).toBe('bin');
    expect(baseOf('/')).toBe('/');
    expect(dirOf('a')).toBe('.');
    expect(dirOf('/a')).toBe('/');
    expect(dirOf('a/b/c')).toBe('a/b');
  });
  it('sizes with suffixes', () => {
    expect(parseSize('10')).toBe(10);
    expect(parseSize('2k')).toBe(2048);
    expect(parseSize('1M')).toBe(1048576);
    expect(parseSize('3b')).toBe(1536);
    expect(parseSize('1kB')).toBe(1000);
    expect(parseSize('x')).toBeUndefined();
  });
});
