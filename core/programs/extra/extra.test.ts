/** Unit tests of the small pure pieces of the extra programs. */
import { describe, expect, it } from 'vitest';
import { formatFlags, parseFlagLetters } from './attrs.js';
import { compareBytes } from './diff/cmp.js';
import { classifyContent, textKind } from './file.js';
import { UTC } from '../files/lib/time.js';
import { programImageHeader } from '../registry.js';
import { moduleImageHeader } from '../../kernel/modules.js';
import { readSuperblockMark } from './mkfs/superblock.js';
import { sha1Hex } from './sha1sum.js';
import { utf8Bytes } from '../lib/io.js';
import { hashPassword, passwordMatches } from './users/account-files.js';
import { weakness } from './users/passwd.js';
import { interval7, loginSessions, whoLine } from './users/sessions.js';
import type { ProcInfo } from '../system/procinfo.js';

describe('sha1', () => {
  it('matches FIPS 180-1 vectors', () => {
    expect(sha1Hex([])).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex(utf8Bytes('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex(utf8Bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });
});

describe('cmp', () => {
  it('reports the first differing byte and its line', () => {
    expect(compareBytes(utf8Bytes('a\nbc'), utf8Bytes('a\nbd'))).toEqual({ kind: 'differ', byte: 4, line: 2 });
    expect(compareBytes(utf8Bytes('ab'), utf8Bytes('abc'))).toEqual({ kind: 'eof', shorter: 0 });
    expect(compareBytes([1], [1])).toEqual({ kind: 'same' });
  });
});

describe('lsattr flags', () => {
  it('prints the 13 letters of e2fsprogs 1.35', () => {
    expect(formatFlags(0, false)).toBe('-------------');
    expect(formatFlags(0x10, false)).toBe('----i--------');
    expect(formatFlags(0x30, true)).toBe('Immutable, Append_Only');
    expect(formatFlags(0, true)).toBe('---');
  });
  it('parses chattr letters', () => {
    expect(parseFlagLetters('i')).toBe(0x10);
    expect(parseFlagLetters('ia')).toBe(0x30);
    expect(parseFlagLetters('Z')).toBeUndefined();
  });
});

describe('file', () => {
  it('tells the lab formats apart', () => {
    expect(classifyContent(programImageHeader('ls'), UTC)).toMatch(/^ELF 32-bit LSB executable/);
    expect(classifyContent(moduleImageHeader('loop'), UTC)).toMatch(/^ELF 32-bit LSB relocatable/);
    expect(classifyContent('#!/bin/bash\n', UTC)).toBe('Bourne-Again shell script text executable');
    expect(classifyContent('#!/usr/bin/env python\n', UTC)).toBe('a /usr/bin/env script text executable');
  });
  it('describes text', () => {
    expect(textKind('hello\n')).toBe('ASCII text');
    expect(textKind('hello')).toBe('ASCII text, with no line terminators');
    expect(textKind('été\n')).toBe('UTF-8 Unicode text');
    expect(textKind('a\r\nb\r\n')).toBe('ASCII text, with CRLF line terminators');
    expect(textKind('<html><body>\n')).toBe('HTML document text');
    expect(textKind('a\0b')).toBe('data');
  });
  it('finds the superblock mke2fs leaves', () => {
    const head = (compat: string) => '\0'.repeat(1080) + '\x53\xef' + '\0'.repeat(17) + '\x01' + '\0'.repeat(15) + compat + '\0\0\0';
    expect(readSuperblockMark(head('\0'))).toBe('ext2');
    expect(readSuperblockMark(head('\x04'))).toBe('ext3');
    expect(readSuperblockMark('\0'.repeat(2048))).toBeUndefined();
  });
});

describe('passwords', () => {
  it('every account opens with vlab until passwd sets one', () => {
    expect(passwordMatches('!!', 'vlab')).toBe(true);
    expect(passwordMatches('$1$vl4bS4lt$3Fq0Wm3y3oR8b1n6bQ7mL/', 'vlab')).toBe(true);
    expect(passwordMatches('!!', 'root')).toBe(false);
    const own = hashPassword('s3cret!X', 'vLabcdef');
    expect(own).toMatch(/^\$1\$vLabcdef\$[./0-9A-Za-z]{22}$/);
    expect(passwordMatches(own, 's3cret!X')).toBe(true);
    expect(passwordMatches(own, 'vlab')).toBe(false);
  });
  it('pam_cracklib-like checks', () => {
    expect(weakness('abc', undefined)).toBe('it is WAY too short');
    expect(weakness('aaaaaaa1', undefined)).toBe('it does not contain enough DIFFERENT characters');
    expect(weakness('x9!Kq2#z', 'x9!Kq2#z')).toBe('is the same as the old one');
    expect(weakness('x9!Kq2#z', undefined)).toBeUndefined();
  });
});

describe('sessions', () => {
  const p = (pid: number, tty: string, argv0: string, startMs: number, user = 'root') => ({ pid, tty, cmdline: [argv0], startMs, startEpoch: 1000 + startMs / 1000, ruser: user }) as unknown as ProcInfo;
  it('one session per terminal: its first login shell', () => {
    const s = loginSessions([p(10, 'pts/0', '-bash', 5000), p(11, 'pts/0', '-bash', 9000, 'etudiant'), p(12, 'pts/1', 'bash', 1000), p(13, '', '-bash', 0)]);
    expect(s).toEqual([{ user: 'root', line: 'pts/0', since: 1005, pid: 10 }]);
  });
  it('who and w column formats', () => {
    expect(whoLine('root', 'pts/0', 'May 30 09:00')).toBe('root     pts/0        May 30 09:00\n');
    expect(interval7(0, 0)).toBe('  0.00s');
    expect(interval7(75, 0)).toBe('  1:15 ');
    expect(interval7(3 * 3600 + 4 * 60, 0)).toBe('  3:04m');
    expect(interval7(3 * 86400, 0)).toBe('  3days');
  });
});
