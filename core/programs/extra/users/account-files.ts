/**
 * The account files as the shadow-utils and passwd programs edit them: /etc/passwd, /etc/shadow,
 * /etc/group (and /etc/gshadow when present), read and rewritten whole, in the caller's root (a
 * guest edits its own). And the lab's password rule: every account's password is `vlab` until
 * passwd changes it; passwd writes an MD5-crypt-looking hash whose salt starts with "vL".
 */
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { Md5 } from '../../files/lib/md5.js';

/** The password every account has until passwd changes it. */
export const DEFAULT_PASSWORD = 'vlab';
/** Salts of the hashes our passwd writes start with this, so a seeded hash is told apart. */
const OWN_SALT_PREFIX = 'vL';
const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** "$1$SALT$HASH": 22 characters of crypt's base-64 over an MD5 of salt and password. */
export function hashPassword(password: string, salt: string): string {
  const hex = new Md5().update(`${salt}$${password}$${salt}`).hex();
  let bits = BigInt('0x' + hex);
  let text = '';
  for (let i = 0; i < 22; i++) {
    text += CRYPT_ALPHABET[Number(bits & 63n)];
    bits >>= 6n;
  }
  return `$1$${salt}$${text}`;
}

/** A salt for a new hash, derived from the time and the user (worlds are deterministic). */
export function newSalt(user: string, now: number): string {
  let n = now >>> 0;
  for (const c of user) n = (n * 33 + c.charCodeAt(0)) >>> 0;
  let salt = OWN_SALT_PREFIX;
  for (let i = 0; i < 6; i++) {
    salt += CRYPT_ALPHABET[n % 64];
    n = Math.floor(n / 64) + i * 7;
  }
  return salt;
}

/** Does `password` open an account whose shadow password field is `field`? */
export function passwordMatches(field: string | undefined, password: string): boolean {
  const m = /^\$1\$([^$]+)\$/.exec(field ?? '');
  if (m && m[1]!.startsWith(OWN_SALT_PREFIX)) return hashPassword(password, m[1]!) === field;
  return password === DEFAULT_PASSWORD;
}

/** Days since the Epoch, as shadow's last-change field counts them. */
export function daysSinceEpoch(seconds: number): number {
  return Math.floor(seconds / 86400);
}

/** A colon-separated account file as rows of fields (comment and blank lines kept as single-field rows). */
export class AccountFile {
  private constructor(
    readonly path: string,
    readonly rows: string[][],
    readonly exists: boolean,
  ) {}

  static async read(proc: Process, path: string): Promise<AccountFile> {
    try {
      const text = await proc.readFile(path);
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      return new AccountFile(path, lines.map((l) => l.split(':')), true);
    } catch {
      return new AccountFile(path, [], false);
    }
  }

  find(name: string): string[] | undefined {
    return this.rows.find((r) => r[0] === name);
  }

  remove(name: string): void {
    const i = this.rows.findIndex((r) => r[0] === name);
    if (i >= 0) this.rows.splice(i, 1);
  }

  text(): string {
    return this.rows.map((r) => r.join(':') + '\n').join('');
  }

  /** Rewrite the file in place (keeping its inode, mode and owner). Throws SyscallError. */
  async write(proc: Process): Promise<void> {
    const fd = proc.open(this.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600);
    try {
      await proc.write(fd, this.text());
    } finally {
      proc.close(fd);
    }
  }
}

/** All four files at once, for the programs that edit several. */
export interface AccountFiles {
  passwd: AccountFile;
  shadow: AccountFile;
  group: AccountFile;
  gshadow: AccountFile;
}

export async function readAccountFiles(proc: Process): Promise<AccountFiles> {
  return {
    passwd: await AccountFile.read(proc, '/etc/passwd'),
    shadow: await AccountFile.read(proc, '/etc/shadow'),
    group: await AccountFile.read(proc, '/etc/group'),
    gshadow: await AccountFile.read(proc, '/etc/gshadow'),
  };
}

/**
 * Read a password as getpass() does: the prompt on the terminal (or standard error), echo off
 * while typing, the newline echoed after. Without a terminal it reads a line of standard input.
 * Returns undefined at end of input.
 */
export async function readPassword(proc: Process, prompt: string): Promise<string | undefined> {
  const tty = proc.isatty(0);
  await proc.err(prompt);
  let saved;
  if (tty) {
    saved = proc.getTermios(0);
    proc.setTermios(0, { ...saved, echo: false });
  }
  let line = '';
  try {
    for (;;) {
      const chunk = await proc.read(0, 1);
      if (chunk === '') {
        if (line === '') return undefined;
        break;
      }
      if (chunk === '\n') break;
      line += chunk;
    }
  } finally {
    if (saved) {
      proc.setTermios(0, saved);
      await proc.err('\n');
    }
  }
  return line;
}
