import { describe, expect, it } from 'vitest';
import { fnmatch } from './fnmatch.js';

describe('fnmatch', () => {
  it.each([
    ['*.conf', 'httpd.conf', {}, true],
    ['*.conf', 'httpd.conf.bak', {}, false],
    ['h?tpd', 'httpd', {}, true],
    ['[a-c]x', 'bx', {}, true],
    ['[!a-c]x', 'bx', {}, false],
    ['[^a-c]x', 'dx', {}, true],
    ['[[:digit:]]*', '4abc', {}, true],
    ['\\*', '*', {}, true],
    ['\\*', 'a', {}, false],
    ['*', '.bashrc', {}, true],
    ['*', '.bashrc', { period: true }, false],
    ['.*', '.bashrc', { period: true }, true],
    ['*', 'a/b', { pathname: true }, false],
    ['*/b', 'a/b', { pathname: true }, true],
    ['*', 'a/b', {}, true],
    ['/etc/*', '/etc/passwd', {}, true],
    ['PASSWD', 'passwd', { casefold: true }, true],
    ['proc', 'proc/1/status', { leadingDir: true }, true],
    ['proc', 'procfs', { leadingDir: true }, false],
    ['[', '[', {}, true],
  ])('%j vs %j %j', (pattern, name, flags, expected) => {
    expect(fnmatch(pattern, name, flags)).toBe(expected);
  });
});
