/**
 * The text tools' message catalogue: version banners and the wordings shared by several tools,
 * with the exact punctuation of the 2004–2006 GNU releases (coreutils 5.2.1, grep 2.5.1,
 * sed 4.1.2, gawk 3.1.3) — note the `backtick' quoting of that era.
 */

export type Suite = 'coreutils' | 'grep' | 'sed' | 'gawk' | 'util-linux';

export const VERSIONS = {
  coreutils: '5.2.1',
  grep: '2.5.1',
  sed: '4.1.2',
  gawk: '3.1.3',
} as const;

const NO_WARRANTY =
  'This is free software; see the source for copying conditions.  There is NO\n' +
  'warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n';

const GPL_BLURB = `This program is free software; you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation; either version 2 of the License, or
(at your option) any later version.

This program is distributed in the hope that it will be useful,
but WITHOUT ANY WARRANTY; without even the implied warranty of
MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with this program; if not, write to the Free Software
Foundation, Inc., 59 Temple Place - Suite 330, Boston, MA 02111-1307 USA
`;

/** The --version text of a tool. */
export function versionText(suite: Suite, name: string, authors?: string): string {
  switch (suite) {
    case 'coreutils':
      return (
        `${name} (coreutils) ${VERSIONS.coreutils}\n` +
        (authors ? `Written by ${authors}.\n` : '') +
        `\nCopyright (C) 2004 Free Software Foundation, Inc.\n` +
        NO_WARRANTY
      );
    case 'grep':
      return (
        `grep (GNU grep) ${VERSIONS.grep}\n\nCopyright 1988, 1992-1999, 2000, 2001 Free Software Foundation, Inc.\n` +
        'This is free software; see the source for copying conditions. There is NO\n' +
        'warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\n'
      );
    case 'sed':
      return (
        `GNU sed version ${VERSIONS.sed}\nCopyright (C) 2003 Free Software Foundation, Inc.\n` +
        'This is free software; see the source for copying conditions.  There is NO\n' +
        'warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE,\nto the extent permitted by law.\n'
      );
    case 'gawk':
      return `GNU Awk ${VERSIONS.gawk}\nCopyright (C) 1989, 1991-2003 Free Software Foundation.\n\n${GPL_BLURB}`;
    case 'util-linux':
      return `${name} (util-linux 2.12a)\n`;
  }
}

/** "Try `ls --help' for more information." */
export const tryHelp = (name: string): string => `Try \`${name} --help' for more information.\n`;

/** The coreutils footer of every --help text. */
export const COREUTILS_BUG_FOOTER = '\nReport bugs to <bug-coreutils@gnu.org>.\n';

/** Messages of the form "PROG: …" that several tools share. */
export const MSG = {
  /** cat, wc, grep, cut, sort, uniq, paste, nl: "cat: nofile: No such file or directory" */
  fileError: (file: string, reason: string) => `${file}: ${reason}`,
  /** head, tail, tac: "head: cannot open `nofile' for reading: No such file or directory" */
  cannotOpen: (file: string, reason: string) => `cannot open \`${file}' for reading: ${reason}`,
  /** head, tail: "head: error reading `/etc': Is a directory" */
  errorReading: (file: string, reason: string) => `error reading \`${file}': ${reason}`,
  writeError: (reason: string) => `write error: ${reason}`,
  missingOperand: 'missing operand',
  tooFewArguments: 'too few arguments',
  extraOperand: (op: string) => `extra operand \`${op}'`,
  invalidNumber: (what: string, value: string) => `${value}: invalid ${what}`,
} as const;
