/**
 * Small system programs: env, printenv, sleep, true, false, tty, nice, nohup (coreutils 5.2.1),
 * renice (util-linux 2.12a), clear (ncurses 5.4) and which (GNU which 2.16, as Red Hat aliases it).
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_APPEND, O_CREAT, O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import { COREUTILS_BUG_FOOTER, tryHelp, versionText } from '../lib/messages.js';
import { runTool, type ToolSpec } from '../lib/tool.js';
import { defineProgram } from '../registry.js';
import { execFailureStatus, execvp, getPriority, isExecutable, setPriority, type PrioWhich } from './exec.js';
import { Accounts } from './accounts.js';

const HELP_OPTS = '      --help     display this help and exit\n      --version  output version information and exit\n';

/** A coreutils error line, "PROG: message", with argv[0] as the program name. */
const progName = (proc: Process, fallback: string) => proc.argv[0] ?? fallback;

// ----- env ----------------------------------------------------------------------------------------

const ENV_HELP =
  'Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\n' +
  'Set each NAME to VALUE in the environment and run COMMAND.\n\n' +
  '  -i, --ignore-environment   start with an empty environment\n' +
  '  -u, --unset=NAME           remove variable from the environment\n' +
  HELP_OPTS +
  '\nA mere - implies -i.  If no COMMAND, print the resulting environment.\n' +
  COREUTILS_BUG_FOOTER;

const ENV_SPEC: ToolSpec = {
  name: 'env',
  suite: 'coreutils',
  authors: 'Richard Mlynarik and David MacKenzie',
  help: ENV_HELP,
  options: [
    { short: 'i', long: 'ignore-environment' },
    { short: 'u', long: 'unset', arg: 'required' },
  ],
  settings: { posixOrder: true },
};

defineProgram({
  name: 'env',
  vszKb: 3620,
  rssKb: 468,
  options: ['-i', '-u', '--help', '--version'],
  main: (proc) =>
    runTool(proc, ENV_SPEC, async (tool, parsed) => {
      let env: Record<string, string> = { ...proc.env };
      const operands = [...parsed.operands];
      if (parsed.options.some((o) => o.key === 'i') || operands[0] === '-') env = {};
      if (operands[0] === '-') operands.shift();
      for (const o of parsed.options) if (o.key === 'u') delete env[o.value!];
      while (operands.length && operands[0]!.includes('=')) {
        const a = operands.shift()!;
        const eq = a.indexOf('=');
        const name = a.slice(0, eq);
        delete env[name]; // putenv replaces in place; a new name goes last
        env[name] = a.slice(eq + 1);
      }
      if (operands.length === 0) {
        for (const [k, v] of Object.entries(env)) tool.out.put(`${k}=${v}\n`);
        return 0;
      }
      await tool.out.flush();
      const err = await execvp(proc, operands, env);
      await tool.warn(`${operands[0]}: ${err.message}`);
      return execFailureStatus(err);
    }),
});

// ----- printenv ---------------------------------------------------------------------------------------

const PRINTENV_SPEC: ToolSpec = {
  name: 'printenv',
  suite: 'coreutils',
  authors: 'David MacKenzie and Richard Mlynarik',
  usageStatus: 2,
  help: 'Usage: printenv [VARIABLE]...\n  or:  printenv OPTION\nIf no environment VARIABLE specified, print them all.\n\n' + HELP_OPTS + COREUTILS_BUG_FOOTER,
  options: [],
};

defineProgram({
  name: 'printenv',
  vszKb: 3600,
  rssKb: 420,
  main: (proc) =>
    runTool(proc, PRINTENV_SPEC, async (tool, parsed) => {
      const env = proc.env;
      if (parsed.operands.length === 0) {
        for (const [k, v] of Object.entries(env)) tool.out.put(`${k}=${v}\n`);
        return 0;
      }
      let matches = 0;
      for (const name of parsed.operands) {
        if (!name.includes('=') && name in env) {
          tool.out.put(env[name] + '\n');
          matches++;
        }
      }
      return matches === parsed.operands.length ? 0 : 1;
    }),
});

// ----- sleep --------------------------------------------------------------------------------------

const SLEEP_SPEC: ToolSpec = {
  name: 'sleep',
  suite: 'coreutils',
  authors: 'Jim Meyering and Paul Eggert',
  help:
    'Usage: sleep NUMBER[SUFFIX]...\n  or:  sleep OPTION\n' +
    "Pause for NUMBER seconds.  SUFFIX may be `s' for seconds (the default),\n" +
    "`m' for minutes, `h' for hours or `d' for days.  Unlike most implementations\n" +
    'that require NUMBER be an integer, here NUMBER may be an arbitrary floating\npoint number.\n\n' +
    HELP_OPTS +
    COREUTILS_BUG_FOOTER,
  options: [],
};

/** xstrtod + apply_suffix: seconds, or undefined for an invalid interval. */
export function parseInterval(text: string): number | undefined {
  const m = /^\s*([+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n >= 0)) return undefined;
  return n * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

defineProgram({
  name: 'sleep',
  vszKb: 3700,
  rssKb: 412,
  main: (proc) =>
    runTool(proc, SLEEP_SPEC, async (tool, parsed) => {
      if (parsed.operands.length === 0) return tool.usageError('too few arguments');
      let seconds = 0;
      let fail = false;
      for (const a of parsed.operands) {
        const s = parseInterval(a);
        if (s === undefined) {
          await tool.warn(`invalid time interval \`${a}'`);
          fail = true;
        } else seconds += s;
      }
      if (fail) return tool.usage();
      await proc.sleep(seconds * 1000);
      return 0;
    }),
});

// ----- true, false ---------------------------------------------------------------------------------

function trueFalse(name: 'true' | 'false'): void {
  const status = name === 'true' ? 0 : 1;
  defineProgram({
    name,
    vszKb: 3500,
    rssKb: 380,
    async main(proc) {
      const args = proc.argv.slice(1);
      const argv0 = progName(proc, name);
      if (args.length === 1 && proc.env.POSIXLY_CORRECT === undefined) {
        if (args[0] === '--help') {
          await proc.out(
            `Usage: ${argv0} [ignored command line arguments]\n  or:  ${argv0} OPTION\n` +
              `Exit with a status code indicating ${name === 'true' ? 'success' : 'failure'}.\n\n` +
              'These option names may not be abbreviated.\n\n' +
              HELP_OPTS +
              COREUTILS_BUG_FOOTER,
          );
        } else if (args[0] === '--version') await proc.out(versionText('coreutils', name, 'Jim Meyering'));
      }
      return status;
    },
  });
}
trueFalse('true');
trueFalse('false');

// ----- tty ----------------------------------------------------------------------------------------

const TTY_SPEC: ToolSpec = {
  name: 'tty',
  suite: 'coreutils',
  authors: 'David MacKenzie',
  usageStatus: 2,
  help:
    'Usage: tty [OPTION]...\nPrint the file name of the terminal connected to standard input.\n\n' +
    '  -s, --silent, --quiet   print nothing, only return an exit status\n' +
    HELP_OPTS +
    COREUTILS_BUG_FOOTER,
  options: [
    { short: 's', long: 'silent' },
    { short: 's', long: 'quiet' },
  ],
};

defineProgram({
  name: 'tty',
  vszKb: 3600,
  rssKb: 400,
  options: ['-s', '--silent', '--quiet', '--help', '--version'],
  main: (proc) =>
    runTool(proc, TTY_SPEC, async (tool, parsed) => {
      if (parsed.operands.length) await tool.warn('ignoring all arguments');
      const tty = proc.ttyOf(0);
      if (!parsed.options.some((o) => o.key === 's')) tool.out.put(tty ? `/dev/${tty.name}\n` : 'not a tty\n');
      return tty ? 0 : 1;
    }),
});

// ----- nice ---------------------------------------------------------------------------------------

const NICE_HELP =
  'Usage: nice [OPTION] [COMMAND [ARG]...]\n' +
  'Run COMMAND with an adjusted scheduling priority.\n' +
  'With no COMMAND, print the current scheduling priority.  ADJUST is 10\n' +
  'by default.  Range goes from -20 (highest priority) to 19 (lowest).\n\n' +
  '  -n, --adjustment=ADJUST   increment priority by ADJUST first\n' +
  HELP_OPTS +
  COREUTILS_BUG_FOOTER;

async function niceMain(proc: Process): Promise<number> {
  const name = progName(proc, 'nice');
  const args = proc.argv.slice(1);
  const fail = async (msg: string, usage = false) => {
    await proc.err(`${name}: ${msg}\n`);
    if (usage) await proc.err(tryHelp(name));
    return 1;
  };
  if (args.length === 1 && args[0] === '--help') {
    await proc.out(NICE_HELP);
    return 0;
  }
  if (args.length === 1 && args[0] === '--version') {
    await proc.out(versionText('coreutils', 'nice', 'David MacKenzie'));
    return 0;
  }
  let adjustment = 10;
  let given = false;
  let i = 0;
  const number = (s: string) => (/^[-+]?\d+$/.test(s) ? Number(s) : undefined);
  while (i < args.length) {
    const s = args[i]!;
    if (/^--\d/.test(s)) {
      const n = number(s.slice(2));
      if (n === undefined) return fail(`invalid option \`${s}'`);
      adjustment = -n;
      given = true;
      i++;
    } else if (/^-\+?\d/.test(s)) {
      const n = number(s.slice(1));
      if (n === undefined) return fail(`invalid option \`${s.replace(/^-\+/, '+')}'`);
      adjustment = n;
      given = true;
      i++;
    } else if (s === '-n' || s.startsWith('-n') || s.startsWith('--adjustment')) {
      let v: string | undefined;
      if (s === '-n' || s === '--adjustment') v = args[++i];
      else v = s.startsWith('--') ? s.slice(s.indexOf('=') + 1) : s.slice(2);
      if (v === undefined) return fail('option requires an argument -- n', true);
      const n = number(v);
      if (n === undefined) return fail(`invalid priority \`${v}'`);
      adjustment = n;
      given = true;
      i++;
    } else if (s === '--') {
      i++;
      break;
    } else if (s.startsWith('-') && s !== '-') {
      return fail(s.startsWith('--') ? `unrecognized option \`${s}'` : `invalid option -- ${s[1]}`, true);
    } else break;
  }
  const command = args.slice(i);
  if (command.length === 0) {
    if (given) {
      await proc.err(`${name}: a command must be given with an adjustment\n${tryHelp(name)}`);
      return 1;
    }
    await proc.out(`${getPriority(proc, 'process', 0)}\n`);
    return 0;
  }
  try {
    setPriority(proc, 'process', 0, getPriority(proc, 'process', 0) + adjustment);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    return fail(`cannot set priority: ${e.message}`);
  }
  const err = await execvp(proc, command);
  await proc.err(`${name}: ${command[0]}: ${err.message}\n`);
  return execFailureStatus(err);
}

defineProgram({ name: 'nice', main: niceMain, vszKb: 3700, rssKb: 420, options: ['-n', '--adjustment=', '--help', '--version'] });

// ----- renice (util-linux) -------------------------------------------------------------------------

async function reniceMain(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  if (args.length < 2) {
    await proc.err('usage: renice priority [ [ -p ] pids ] [ [ -g ] pgrps ] [ [ -u ] users ]\n');
    return 1;
  }
  const prio = parseInt(args[0]!, 10) || 0;
  let which: PrioWhich = 'process';
  let errs = 0;
  let accounts: Accounts | undefined;
  for (const arg of args.slice(1)) {
    if (arg === '-g' || arg === '-u' || arg === '-p') {
      which = arg === '-g' ? 'pgrp' : arg === '-u' ? 'user' : 'process';
      continue;
    }
    let who: number;
    if (which === 'user') {
      accounts ??= await Accounts.load(proc);
      const u = accounts.userByName(arg);
      if (!u) {
        await proc.err(`renice: ${arg}: unknown user\n`);
        continue;
      }
      who = u.uid;
    } else {
      who = parseInt(arg, 10) || 0;
      if (who < 0) {
        await proc.err(`renice: ${arg}: bad value\n`);
        continue;
      }
    }
    let old: number;
    try {
      old = getPriority(proc, which, who);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(`renice: ${who}: getpriority: ${e.message}\n`);
      errs++;
      continue;
    }
    try {
      setPriority(proc, which, who, prio);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(`renice: ${who}: setpriority: ${e.message}\n`);
      errs++;
      continue;
    }
    await proc.out(`${who}: old priority ${old}, new priority ${getPriority(proc, which, who)}\n`);
  }
  return errs ? 1 : 0;
}

defineProgram({ name: 'renice', main: reniceMain, vszKb: 1500, rssKb: 380, options: ['-p', '-g', '-u'] });

// ----- nohup ------------------------------------------------------------------------------------------

async function nohupMain(proc: Process): Promise<number> {
  const name = progName(proc, 'nohup');
  let args = proc.argv.slice(1);
  if (args.length === 1 && args[0] === '--help') {
    await proc.out(`Usage: ${name} COMMAND [ARG]...\n  or:  ${name} OPTION\nRun COMMAND, ignoring hangup signals.\n\n${HELP_OPTS}${COREUTILS_BUG_FOOTER}`);
    return 0;
  }
  if (args.length === 1 && args[0] === '--version') {
    await proc.out(versionText('coreutils', 'nohup', 'Jim Meyering'));
    return 0;
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    await proc.err(`${name}: too few arguments\n${tryHelp(name)}`);
    return 127;
  }
  let fd = 1;
  if (proc.isatty(1)) {
    let file = 'nohup.out';
    try {
      fd = proc.open(file, O_CREAT | O_WRONLY | O_APPEND, 0o600);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      const inHome = `${proc.env.HOME ?? ''}/${file}`;
      try {
        fd = proc.open(inHome, O_CREAT | O_WRONLY | O_APPEND, 0o600);
      } catch (e2) {
        if (!(e2 instanceof SyscallError)) throw e2;
        await proc.err(`${name}: failed to open \`${file}': ${e.message}\n${name}: failed to open \`${inHome}': ${e2.message}\n`);
        return 127;
      }
      file = inHome;
    }
    proc.dup2(fd, 1);
    if (fd !== 1) proc.close(fd);
    fd = 1;
    await proc.err(`${name}: appending output to \`${file}'\n`);
  }
  let savedStderr = -1;
  const stderrTty = proc.isatty(2);
  if (stderrTty) {
    savedStderr = proc.dup(2, 0, true);
    proc.dup2(fd, 2);
  }
  proc.signal(SIG.HUP, 'ignore');
  const err = await execvp(proc, args);
  if (!stderrTty || savedStderr !== -1) {
    if (savedStderr !== -1) proc.dup2(savedStderr, 2);
    await proc.err(`${name}: cannot run command \`${args[0]}': ${err.message}\n`);
  }
  return execFailureStatus(err);
}

defineProgram({ name: 'nohup', main: nohupMain, vszKb: 3700, rssKb: 420 });

// ----- clear (ncurses) -------------------------------------------------------------------------------

const CLEAR_SEQUENCES: Record<string, string> = {
  xterm: '\x1b[H\x1b[2J',
  'xterm-color': '\x1b[H\x1b[2J',
  'xterm-256color': '\x1b[H\x1b[2J',
  linux: '\x1b[H\x1b[J',
  vt100: '\x1b[H\x1b[J',
  vt102: '\x1b[H\x1b[J',
  vt220: '\x1b[H\x1b[J',
  ansi: '\x1b[H\x1b[J',
  screen: '\x1b[H\x1b[J',
  rxvt: '\x1b[H\x1b[2J',
};

defineProgram({
  name: 'clear',
  vszKb: 4100,
  rssKb: 500,
  async main(proc) {
    const term = proc.env.TERM;
    if (term === undefined || term === '') {
      await proc.err('TERM environment variable not set.\n');
      return 1;
    }
    const seq = CLEAR_SEQUENCES[term];
    if (seq === undefined) {
      if (term === 'dumb') return 1;
      await proc.err(`'${term}': unknown terminal type.\n`);
      return 1;
    }
    await proc.out(seq);
    return 0;
  },
});

// ----- which (GNU which 2.16) -----------------------------------------------------------------------------

const WHICH_HELP = `Usage: /usr/bin/which [options] [--] programname [...]
Options: --version, -[vV] Print version and exit successfully.
         --help,          Print this help and exit successfully.
         --skip-dot       Skip directories in PATH that start with a dot.
         --skip-tilde     Skip directories in PATH that start with a tilde.
         --show-dot       Don't expand a dot to current directory in output.
         --show-tilde     Output a tilde for HOME directory for non-root.
         --tty-only       Stop processing options on the right if not on tty.
         --all, -a        Print all matches in PATH, not just the first
         --read-alias, -i Read list of aliases from stdin.
         --skip-alias     Ignore option --read-alias; don't read stdin.
         --read-functions Read shell functions from stdin.
         --skip-functions Ignore option --read-functions; don't read stdin.

Recommended use is to write the output of (alias; declare -f) to standard
input, so that which can show aliases and shell functions. See which(1) for
examples.

If the options --read-alias and/or --read-functions are specified then the
output can be a full alias or function definition, optionally followed by
the full path of each command used inside of those.

Report bugs to <which-bugs@gnu.org>.
`;

const WHICH_VERSION =
  'GNU which v2.16, Copyright (C) 1999 - 2003 Carlo Wood.\n' +
  'GNU which comes with ABSOLUTELY NO WARRANTY;\n' +
  'This program is free software; your freedom to use, change\n' +
  'and distribute this program is protected by the GPL.\n';

async function whichMain(proc: Process): Promise<number> {
  const progname = proc.argv[0] ?? 'which';
  const args = proc.argv.slice(1);
  let all = false;
  let readAlias = false;
  let skipAlias = false;
  let showDot = false;
  let showTilde = false;
  let skipDot = false;
  let skipTilde = false;
  let ttyOnly = false;
  const names: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (ttyOnly && !proc.isatty(1)) {
      // --tty-only: ignore the options on its right when not on a terminal.
      continue;
    }
    switch (a) {
      case '--version':
      case '-v':
      case '-V':
        await proc.out(WHICH_VERSION);
        return 0;
      case '--help':
        await proc.out(WHICH_HELP);
        return 0;
      case '--all':
      case '-a':
        all = true;
        break;
      case '--read-alias':
      case '-i':
        readAlias = true;
        break;
      case '--skip-alias':
        skipAlias = true;
        break;
      case '--show-dot':
        showDot = true;
        break;
      case '--show-tilde':
        showTilde = true;
        break;
      case '--skip-dot':
        skipDot = true;
        break;
      case '--skip-tilde':
        skipTilde = true;
        break;
      case '--tty-only':
        ttyOnly = true;
        break;
      case '--read-functions':
      case '--skip-functions':
        break;
      default:
        if (/^-[a-zA-Z]+$/.test(a) && [...a.slice(1)].every((c) => 'aivV'.includes(c))) {
          if (a.includes('v') || a.includes('V')) {
            await proc.out(WHICH_VERSION);
            return 0;
          }
          if (a.includes('a')) all = true;
          if (a.includes('i')) readAlias = true;
          break;
        }
        await proc.err(`${progname}: Unknown option '${a}'\n${WHICH_HELP}`);
        return 1;
    }
  }
  names.push(...args.slice(i));
  if (names.length === 0) {
    await proc.err(WHICH_HELP);
    return 1;
  }
  if (skipAlias) readAlias = false;
  const aliases = new Map<string, string>();
  if (readAlias) {
    const text = await proc.readAll(0).catch(() => '');
    for (const line of text.split('\n')) {
      const m = /^(?:alias\s+)?([^=\s]+)=(.*)$/.exec(line);
      if (m) aliases.set(m[1]!, m[2]!);
    }
  }
  const home = proc.env.HOME ?? '';
  const isRoot = proc.task.cred.uid === 0;
  const pathValue = proc.env.PATH ?? '';
  const dirs = pathValue.split(':').filter((d) => !(skipDot && d.startsWith('.')) && !(skipTilde && d.startsWith('~')));
  const display = (dir: string, name: string): string => {
    let shown = dir;
    if (dir === '' || dir === '.') shown = showDot ? '.' : proc.fs.getcwd();
    else if (dir.startsWith('./') || dir.startsWith('../')) shown = showDot ? dir : `${proc.fs.getcwd()}/${dir}`;
    if (showTilde && !isRoot && home && (shown === home || shown.startsWith(home + '/'))) shown = '~' + shown.slice(home.length);
    return `${shown}/${name}`;
  };
  const search = (name: string, indent: string): string[] => {
    const found: string[] = [];
    if (name.includes('/')) {
      if (isExecutable(proc, name)) found.push(indent + name);
      return found;
    }
    for (const dir of dirs) {
      const path = `${dir === '' ? '.' : dir}/${name}`;
      if (isExecutable(proc, path)) {
        found.push(indent + display(dir, name));
        if (!all) break;
      }
    }
    return found;
  };
  let fail = 0;
  for (const name of names) {
    const alias = aliases.get(name);
    if (alias !== undefined) {
      await proc.out(`alias ${name}=${alias}\n`);
      const body = alias.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
      const first = body.trim().split(/\s+/)[0];
      if (first) {
        const found = search(first, '\t');
        if (found.length) await proc.out(found.join('\n') + '\n');
      }
      if (!all) continue;
    }
    const found = search(name, '');
    if (found.length === 0) {
      if (alias === undefined) {
        await proc.err(`${progname}: no ${name} in (${pathValue})\n`);
        fail++;
      }
      continue;
    }
    await proc.out(found.join('\n') + '\n');
  }
  return fail ? 1 : 0;
}

defineProgram({ name: 'which', main: whichMain, vszKb: 1600, rssKb: 420, options: ['-a', '-i', '--all', '--read-alias', '--skip-alias', '--show-dot', '--show-tilde', '--tty-only'] });
