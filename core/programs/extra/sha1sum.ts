/**
 * sha1sum — coreutils 5.2.1: "HASH  FILE" (" *FILE" with -b), --check with "FILE: OK" /
 * "FILE: FAILED" and the era's warnings, --status, -w. SHA-1 (FIPS 180-1) over the UTF-8 bytes
 * of the file, as md5sum does with MD5.
 */
import { O_RDONLY } from '../../kernel/file.js';
import { utf8Bytes } from '../lib/io.js';
import { defineExtraTool, errorMessage } from './lib/frame.js';

/** SHA-1 of a byte array, as 40 hex digits. */
export function sha1Hex(bytes: readonly number[]): string {
  const ml = bytes.length * 8;
  const padded = [...bytes, 0x80];
  while (padded.length % 64 !== 56) padded.push(0);
  for (let i = 7; i >= 0; i--) padded.push(Math.floor(ml / 2 ** (8 * i)) & 0xff);
  let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Int32Array(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = (padded[off + 4 * i]! << 24) | (padded[off + 4 * i + 1]! << 16) | (padded[off + 4 * i + 2]! << 8) | padded[off + 4 * i + 3]!;
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let [a, b, c, d, e] = [h0, h1, h2, h3, h4];
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const t = (rotl(a, 5) + f + e + k + w[i]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

const HELP = `Usage: sha1sum [OPTION] [FILE]...
  or:  sha1sum [OPTION] --check [FILE]
Print or check SHA1 (160-bit) checksums.
With no FILE, or when FILE is -, read standard input.

  -b, --binary            read files in binary mode (default on DOS/Windows)
  -c, --check             check SHA1 sums against given list
  -t, --text              read files in text mode (default)

The following two options are useful only when verifying checksums:
      --status            don't output anything, status code shows success
  -w, --warn              warn about improperly formated SHA1 checksum lines

      --help     display this help and exit
      --version  output version information and exit

The sums are computed as described in FIPS-180-1.  When checking, the input
should be a former output of this program.  The default mode is to print
a line with checksum, a character indicating type (\`*' for binary, \` ' for
text), and name for each FILE.

Report bugs to <bug-coreutils@gnu.org>.
`;

defineExtraTool(
  {
    name: 'sha1sum',
    help: HELP,
    nameStyle: 'argv0',
    version: 'sha1sum (coreutils) 5.2.1\nWritten by Ulrich Drepper and Scott Miller.\n\nCopyright (C) 2004 Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n',
    options: [
      { short: 'b', long: 'binary' },
      { short: 'c', long: 'check' },
      { long: 'status' },
      { short: 't', long: 'text' },
      { short: 'w', long: 'warn' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const has = (k: string) => options.some((o) => o.key === k);
    const binary = has('b');
    const check = has('c');
    const statusOnly = has('status');
    if ((has('b') || has('t')) && check) return tool.usageError('the --binary and --text options are meaningless when verifying checksums');
    if (statusOnly && !check) return tool.usageError('the --status option is meaningful only when verifying checksums');
    if (has('w') && !check) return tool.usageError('the --warn option is meaningful only when verifying checksums');
    const digest = async (name: string, quiet = false): Promise<string | undefined> => {
      try {
        let text: string;
        if (name === '-') text = await proc.readAll(0);
        else {
          const fd = proc.open(name, O_RDONLY);
          try {
            text = await proc.readAll(fd);
          } finally {
            proc.close(fd);
          }
        }
        return sha1Hex(utf8Bytes(text));
      } catch (e) {
        if (!quiet) await tool.warn(`${name}: ${errorMessage(e)}`);
        return undefined;
      }
    };
    if (check) {
      if (operands.length > 1) return tool.usageError('only one argument may be specified when using --check');
      const list = operands[0] ?? '-';
      let text: string;
      try {
        text = list === '-' ? await proc.readAll(0) : await proc.readFile(list);
      } catch (e) {
        await tool.warn(`${list}: ${errorMessage(e)}`);
        return 1;
      }
      let good = 0;
      let failed = 0;
      let unreadable = 0;
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const [i, line] of lines.entries()) {
        const m = /^\s*([0-9a-fA-F]{40})[ \t]([ *])(.*)$/.exec(line);
        if (!m) {
          if (has('w')) await tool.warn(`${list === '-' ? 'standard input' : list}: ${i + 1}: improperly formatted SHA1 checksum line`);
          continue;
        }
        good++;
        const d = await digest(m[3]!);
        if (d === undefined) {
          unreadable++;
          if (!statusOnly) tool.out.put(`${m[3]}: FAILED open or read\n`);
        } else {
          const ok = d === m[1]!.toLowerCase();
          if (!ok) failed++;
          if (!statusOnly) tool.out.put(`${m[3]}: ${ok ? 'OK' : 'FAILED'}\n`);
        }
      }
      if (good === 0) {
        await tool.warn(`${list === '-' ? 'standard input' : list}: no properly formatted SHA1 checksum lines found`);
        return 1;
      }
      if (!statusOnly) {
        const computed = good - unreadable;
        if (unreadable) await tool.warn(`WARNING: ${unreadable} of ${good} listed ${good === 1 ? 'file' : 'files'} could not be read`);
        if (failed) await tool.warn(`WARNING: ${failed} of ${computed} computed ${computed === 1 ? 'checksum' : 'checksums'} did NOT match`);
      }
      return failed || unreadable ? 1 : 0;
    }
    let status = 0;
    for (const name of operands.length ? operands : ['-']) {
      const d = await digest(name);
      if (d === undefined) status = 1;
      else tool.out.put(`${d} ${binary ? '*' : ' '}${name}\n`);
      await tool.out.tick();
    }
    return status;
  },
);
