/**
 * watch (procps 3.2.3): run a command every -n seconds (2 by default) and show its output full
 * screen under "Every 2.0s: COMMAND" and the time. -d highlights what changed, -t drops the
 * title. Ends on Ctrl-C, restoring the terminal. Between runs it waits on the keyboard (keys are
 * ignored) with an alarm, so a scripted console is not kept busy.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import { zoneFor } from '../files/lib/time.js';
import { defineProgram } from '../registry.js';
import { ctime } from './ps-format.js';
import { ESC, isInterrupt, RawTerminal, setAlarm } from './terminal.js';

const USAGE = (p: string) => `Usage: ${p} [-dhntv] [--differences[=cumulative]] [--help] [--interval=<n>] [--no-title] [--version] <command>\n`;

/** The screen watch draws for one run of the command (pure): rows of exactly `width` characters. */
export function watchScreen(output: string, o: { header?: string; time?: string; width: number; height: number }): string[] {
  const rows: string[] = [];
  const titleRows = o.header === undefined ? 0 : 2;
  if (o.header !== undefined) {
    const chars = Array<string>(o.width).fill(' ');
    const put = (at: number, s: string) => {
      for (let i = 0; i < s.length && at + i < o.width; i++) if (at + i >= 0) chars[at + i] = s[i]!;
    };
    const tsl = (o.time ?? '').length + 1; // ctime()'s length counts its newline
    put(0, o.header);
    if (o.header.length > o.width - tsl - 1) put(o.width - tsl - 4, '...  ');
    put(o.width - tsl + 1, o.time ?? '');
    rows.push(chars.join(''), ' '.repeat(o.width));
  }
  // Fill the rest: printable characters, tabs to 8, long lines wrapped, a newline right after a
  // full row does not leave an empty row.
  let pos = 0;
  let oldEol = true;
  for (let y = titleRows; y < o.height; y++) {
    let line = '';
    let eol = false;
    let tab = false;
    for (let x = 0; x < o.width; x++) {
      let c = ' ';
      if (!eol) {
        if (!tab) {
          do c = pos < output.length ? output[pos++]! : '\x00';
          while (c !== '\x00' && c < ' ' && c !== '\n' && c !== '\t');
        }
        if (c === '\n') {
          if (!oldEol && x === 0) {
            x = -1;
            oldEol = true;
            continue;
          }
          eol = true;
        } else if (c === '\t') tab = true;
        if (c === '\x00' || c === '\n' || c === '\t') c = ' ';
        if (tab && (x + 1) % 8 === 0) tab = false;
      }
      line += c;
    }
    oldEol = eol;
    rows.push(line);
  }
  return rows;
}

/** Run `sh -c command` with standard output captured (popen). */
async function popen(proc: Process, command: string): Promise<string> {
  const [r, w] = proc.pipe();
  const pid = proc.fork(async (child) => {
    child.dup2(w, 1);
    child.close(r);
    child.close(w);
    return child.exec('/bin/sh', ['sh', '-c', command], child.env);
  });
  proc.close(w);
  let out = '';
  try {
    out = await proc.readAll(r);
  } finally {
    proc.close(r);
  }
  try {
    await proc.waitpid(pid);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
  return out;
}

async function watchMain(proc: Process): Promise<number> {
  const progname = proc.argv[0] ?? 'watch';
  const args = proc.argv.slice(1);
  let interval = 2;
  let differences = false;
  let cumulative = false;
  let title = true;
  let i = 0;
  const usage = async () => {
    await proc.err(USAGE(progname));
    return 1;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split('=', 2) as [string, string | undefined];
      if ('differences'.startsWith(name) && name) {
        differences = true;
        if (value !== undefined) cumulative = true;
      } else if ('interval'.startsWith(name) && name) {
        const v = value ?? args[++i];
        if (v === undefined || !/^\d*\.?\d+$/.test(v)) return usage();
        interval = Math.max(0.1, parseFloat(v));
      } else if ('no-title'.startsWith(name) && name) title = false;
      else if ('help'.startsWith(name) && name) {
        await proc.err(
          USAGE(progname) +
            '  -d, --differences[=cumulative]\thighlight changes between updates\n' +
            '\t\t(cumulative means highlighting is cumulative)\n' +
            '  -h, --help\t\t\t\tprint a summary of the options\n' +
            '  -n, --interval=<seconds>\t\tseconds to wait between updates\n' +
            '  -v, --version\t\t\t\tprint the version number\n' +
            '  -t, --no-title\t\t\tturns off showing the header\n',
        );
        return 0;
      } else if ('version'.startsWith(name) && name) {
        await proc.err('procps version 3.2.3\n');
        return 0;
      } else return usage();
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'd') differences = true;
      else if (c === 't') title = false;
      else if (c === 'h') return usage();
      else if (c === 'v') {
        await proc.err('procps version 3.2.3\n');
        return 0;
      } else if (c === 'n') {
        const v = a.slice(j + 1) || args[++i];
        if (v === undefined || !/^\d*\.?\d+$/.test(v)) return usage();
        interval = Math.max(0.1, parseFloat(v));
        break;
      } else return usage();
    }
  }
  if (i >= args.length) return usage();
  const command = args.slice(i).join(' ');
  const term = RawTerminal.open(proc, 0);
  if (!term || !proc.isatty(1)) {
    await proc.err('Error opening terminal: unknown.\n');
    return 1;
  }
  let quit = false;
  for (const sig of [SIG.INT, SIG.TERM, SIG.HUP]) proc.signal(sig, () => (quit = true));
  proc.signal(SIG.ALRM, () => {});
  proc.signal(SIG.WINCH, () => {});
  const zone = await zoneFor(proc);
  term.enter();
  let previous: string[] | undefined;
  const highlighted = new Set<string>();
  try {
    await proc.out(ESC.enterCa + ESC.clear);
    while (!quit) {
      const width = term.cols;
      const height = term.rows;
      const output = await popen(proc, command);
      const header = title ? `Every ${interval.toFixed(1)}s: ${command.slice(0, width - 1)}` : undefined;
      const rows = watchScreen(output, { header, time: ctime(proc.time(), zone), width, height });
      let text = ESC.home;
      rows.forEach((row, y) => {
        let line = row;
        if (differences && previous) {
          line = '';
          for (let x = 0; x < row.length; x++) {
            const key = `${y},${x}`;
            const changed = previous[y]?.[x] !== row[x];
            if (changed && cumulative) highlighted.add(key);
            line += changed || highlighted.has(key) ? ESC.reverse + row[x] + ESC.normal : row[x];
          }
        }
        text += (y ? '\r\n' : '') + line;
      });
      previous = rows;
      await proc.out(text + ESC.goto(height - 1, width - 1));
      if (quit) break;
      const alarm = setAlarm(proc, interval * 1000);
      try {
        for (;;) {
          const k = await term.readKey();
          if (k === undefined) {
            quit = true;
            break;
          }
        }
      } catch (e) {
        if (!isInterrupt(e)) throw e;
      } finally {
        alarm.cancel();
      }
    }
  } finally {
    await proc.out(ESC.exitCa).catch(() => {});
    term.restore();
  }
  return 0;
}

defineProgram({ name: 'watch', main: watchMain, vszKb: 2140, rssKb: 620, options: ['-d', '-n', '-t', '--differences', '--interval=', '--no-title'] });
