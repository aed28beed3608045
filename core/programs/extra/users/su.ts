/**
 * su — coreutils 5.2.1 with RHEL 4's PAM: `su`, `su -`, `su [-] USER`, `su USER -c CMD`,
 * `su -s SHELL`, `su -m`. Root changes user without a password; anyone else is asked for the
 * target's (the lab's rule: `vlab` until changed with passwd), with echo off.
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { Accounts } from '../../system/accounts.js';
import { getopt, UsageError } from '../../lib/getopt.js';
import { defineProgram } from '../../registry.js';
import { baseName } from '../lib/frame.js';
import { AccountFile, passwordMatches, readPassword } from './account-files.js';
import { asSetuidRoot, becomeUser } from './credentials.js';

const HELP = `Usage: su [OPTION]... [-] [USER [ARG]...]
Change the effective user id and group id to that of USER.

  -, -l, --login               make the shell a login shell
  -c, --commmand=COMMAND       pass a single COMMAND to the shell with -c
  -f, --fast                   pass -f to the shell (for csh or tcsh)
  -m, --preserve-environment   do not reset environment variables
  -p                           same as -m
  -s, --shell=SHELL            run SHELL if /etc/shells allows it
      --help     display this help and exit
      --version  output version information and exit

A mere - implies -l.   If USER not given, assume root.

Report bugs to <bug-coreutils@gnu.org>.
`;

const ROOT_LOGIN_PATH = '/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin:/usr/X11R6/bin';
const USER_LOGIN_PATH = '/usr/local/bin:/bin:/usr/bin:/usr/X11R6/bin';

async function suMain(proc: Process): Promise<number> {
  let parsed;
  try {
    parsed = getopt(
      proc.argv.slice(1),
      [
        { short: 'c', long: 'command', arg: 'required' },
        { short: 'f', long: 'fast' },
        { short: 'l', long: 'login' },
        { short: 'm', long: 'preserve-environment' },
        { short: 'p', key: 'm' },
        { short: 's', long: 'shell', arg: 'required' },
        { long: 'help' },
        { long: 'version' },
      ],
    );
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await proc.err(`su: ${e.message}\nTry \`su --help' for more information.\n`);
    return 1;
  }
  const opt = (k: string) => parsed.options.find((o) => o.key === k);
  if (opt('help')) {
    await proc.out(HELP);
    return 0;
  }
  if (opt('version')) {
    await proc.out('su (coreutils) 5.2.1\nWritten by David MacKenzie.\n\nCopyright (C) 2004 Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n');
    return 0;
  }
  const operands = [...parsed.operands];
  let login = !!opt('l');
  if (operands[0] === '-') {
    login = true;
    operands.shift();
  }
  const userName = operands.shift() ?? 'root';
  const command = opt('c')?.value;
  const keepEnv = !!opt('m') && !login;

  const accounts = await Accounts.load(proc);
  const user = accounts.userByName(userName);
  if (!user) {
    await proc.err(`su: user ${userName} does not exist\n`);
    return 1;
  }
  // Root needs no password; others give the target's (read through the setuid bit).
  if (proc.task.cred.uid !== 0) {
    const password = await readPassword(proc, 'Password: ');
    const shadow = await asSetuidRoot(proc, () => AccountFile.read(proc, '/etc/shadow'));
    if (password === undefined || !passwordMatches(shadow.find(userName)?.[1], password)) {
      // pam_unix makes a failed attempt wait before saying so.
      await proc.sleep(2000);
      await proc.err('su: incorrect password\n');
      return 1;
    }
  }
  let shell = user.shell || '/bin/sh';
  const asked = opt('s')?.value;
  if (asked) {
    if (proc.task.cred.uid !== 0 && !(await allowedShell(proc, user.shell))) {
      await proc.err(`su: using restricted shell ${user.shell}\n`);
    } else shell = asked;
  }
  const env: Record<string, string> = {};
  if (login) {
    if (proc.env.TERM) env.TERM = proc.env.TERM;
    Object.assign(env, { HOME: user.home, SHELL: shell, USER: user.name, LOGNAME: user.name, PATH: user.uid === 0 ? ROOT_LOGIN_PATH : USER_LOGIN_PATH });
  } else {
    Object.assign(env, proc.env);
    if (!keepEnv) {
      env.HOME = user.home;
      env.SHELL = shell;
      if (user.uid !== 0) {
        env.USER = user.name;
        env.LOGNAME = user.name;
      }
    }
  }
  becomeUser(proc, user.uid, user.gid, accounts.groupList(user.name, user.gid));
  if (login) {
    try {
      proc.fs.chdir(user.home);
    } catch (e) {
      await proc.err(`su: warning: cannot change directory to ${user.home}: ${(e as Error).message}\n`);
    }
  }
  const arg0 = login ? `-${baseName(shell)}` : baseName(shell);
  const argv = [arg0, ...(opt('f') ? ['-f'] : []), ...(command !== undefined ? ['-c', command] : []), ...operands];
  try {
    return await proc.exec(shell, argv, env);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    await proc.err(`su: ${shell}: ${e.message}\n`);
    return 126;
  }
}

/** Is the shell listed in /etc/shells (restricted_shell's test)? */
async function allowedShell(proc: Process, shell: string): Promise<boolean> {
  try {
    return (await proc.readFile('/etc/shells')).split('\n').includes(shell);
  } catch {
    return false;
  }
}

defineProgram({ name: 'su', main: suMain, options: ['-', '-c', '-l', '-m', '-s', '--login'] });
