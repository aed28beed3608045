/**
 * passwd — RHEL 4's passwd 0.68 over PAM (pam_unix with pam_cracklib, retry=3). Root sets
 * anyone's password without the old one; a user changes their own after giving it. The new
 * hash goes to /etc/shadow (passwd is set-user-ID root).
 */
import type { Process } from '../../../kernel/process.js';
import { Accounts } from '../../system/accounts.js';
import { defineProgram } from '../../registry.js';
import { AccountFile, daysSinceEpoch, hashPassword, newSalt, passwordMatches, readPassword } from './account-files.js';
import { asSetuidRoot } from './credentials.js';

const USAGE =
  'Usage: passwd [OPTION...] <accountName>\n' +
  '  -k, --keep-tokens       keep non-expired authentication tokens\n' +
  '  -d, --delete            delete the password for the named account (root only)\n' +
  '  -l, --lock              lock the named account (root only)\n' +
  '  -u, --unlock            unlock the named account (root only)\n' +
  '  -f, --force             force operation\n' +
  '  -x, --maximum=DAYS      maximum password lifetime (root only)\n' +
  '  -n, --minimum=DAYS      minimum password lifetime (root only)\n' +
  '  -w, --warning=DAYS      number of days warning users receives before password\n' +
  '                          expiration (root only)\n' +
  '  -i, --inactive=DAYS     number of days after password expiration when an\n' +
  '                          account becomes disabled (root only)\n' +
  '  -S, --status            report password status on the named account (root\n' +
  '                          only)\n' +
  '  --stdin                 read new tokens from stdin (root only)\n\n' +
  'Help options:\n' +
  '  -?, --help              Show this help message\n' +
  '  --usage                 Display brief usage message\n';

/** pam_cracklib's verdict on a new password, or undefined when it is acceptable. */
export function weakness(password: string, old: string | undefined): string | undefined {
  if (old !== undefined && password === old) return 'is the same as the old one';
  if (password.length < 6) return 'it is WAY too short';
  if (new Set(password).size < 3) return 'it does not contain enough DIFFERENT characters';
  if (/^[a-z]+$/.test(password) && password.length < 8) return 'it is based on a dictionary word';
  return undefined;
}

async function passwdMain(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  if (args.includes('-?') || args.includes('--help')) {
    await proc.out(USAGE);
    return 0;
  }
  const stdin = args.includes('--stdin');
  const status = args.includes('-S') || args.includes('--status');
  const lock = args.includes('-l') || args.includes('--lock');
  const unlock = args.includes('-u') || args.includes('--unlock');
  const bad = args.find((a) => a.startsWith('-') && !['--stdin', '-S', '--status', '-l', '--lock', '-u', '--unlock', '-k', '--keep-tokens', '-f', '--force'].includes(a));
  if (bad) {
    await proc.err(`passwd: bad argument ${bad}: unknown option\n`);
    return 1;
  }
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length > 1) {
    await proc.err('passwd: Only one user name may be specified.\n');
    return 1;
  }
  const accounts = await Accounts.load(proc);
  const self = accounts.userById(proc.task.cred.uid);
  const root = proc.task.cred.uid === 0;
  if (names.length === 1 && !root) {
    await proc.err('passwd: Only root can specify a user name.\n');
    return 1;
  }
  if ((stdin || status || lock || unlock) && !root) {
    await proc.err(`passwd: Only root can do that.\n`);
    return 1;
  }
  const name = names[0] ?? self?.name;
  if (!name || !accounts.userByName(name)) {
    await proc.err(`passwd: Unknown user name '${name ?? proc.task.cred.uid}'.\n`);
    return 1;
  }
  return asSetuidRoot(proc, async () => {
    const shadow = await AccountFile.read(proc, '/etc/shadow');
    const row = shadow.find(name) ?? [name, '!!', String(daysSinceEpoch(proc.time())), '0', '99999', '7', '', '', ''];
    if (!shadow.find(name)) shadow.rows.push(row);
    if (status) {
      const field = row[1] ?? '';
      const state = field.startsWith('!') ? 'LK (Password locked.)' : field === '' ? 'NP (Empty password.)' : field.startsWith('$1$') ? 'PS (Password set, MD5 crypt.)' : 'PS (Password set, DES crypt.)';
      const [code, ...rest] = state.split(' ');
      const day = new Date(Number(row[2] ?? 0) * 86400 * 1000).toISOString().slice(0, 10);
      await proc.out(`${name} ${code} ${day} ${row[3] || 0} ${row[4] || 99999} ${row[5] || 7} ${row[6] || -1} ${rest.join(' ')}\n`);
      return 0;
    }
    if (lock || unlock) {
      await proc.out(`${lock ? 'Locking' : 'Unlocking'} password for user ${name}.\n`);
      const field = row[1] ?? '';
      if (lock && !field.startsWith('!')) row[1] = '!!' + field;
      if (unlock) row[1] = field.replace(/^!+/, '');
      await shadow.write(proc);
      await proc.out('passwd: Success\n');
      return 0;
    }
    if (!stdin) await proc.out(`Changing password for user ${name}.\n`);
    let old: string | undefined;
    if (!root) {
      await proc.out(`Changing password for ${name}\n`);
      old = await readPassword(proc, '(current) UNIX password: ');
      if (old === undefined || !passwordMatches(row[1], old)) {
        await proc.err('passwd: Authentication token manipulation error\n');
        return 1;
      }
    }
    let password: string | undefined;
    if (stdin) {
      password = (await proc.readAll(0)).split('\n')[0];
    } else {
      // pam_cracklib: three tries at a new password that is strong enough and typed twice alike.
      for (let tries = 0; tries < 3 && password === undefined; tries++) {
        const first = await readPassword(proc, 'New UNIX password: ');
        if (first === undefined) break;
        if (first === '') {
          await proc.out('No password supplied\n');
          continue;
        }
        const weak = weakness(first, old);
        if (weak) {
          await proc.out(`BAD PASSWORD: ${weak}\n`);
          // Root is warned but may go on.
          if (!root) continue;
        }
        const again = await readPassword(proc, 'Retype new UNIX password: ');
        if (again !== first) {
          await proc.out('Sorry, passwords do not match.\n');
          continue;
        }
        password = first;
      }
    }
    if (password === undefined || password === '') {
      await proc.err('passwd: Authentication token manipulation error\n');
      return 1;
    }
    row[1] = hashPassword(password, newSalt(name, proc.time()));
    row[2] = String(daysSinceEpoch(proc.time()));
    await shadow.write(proc);
    await proc.out(stdin ? `Changing password for user ${name}.\npasswd: all authentication tokens updated successfully.\n` : 'passwd: all authentication tokens updated successfully.\n');
    return 0;
  });
}

defineProgram({ name: 'passwd', main: passwdMain, options: ['-l', '-u', '-S', '--stdin'] });
