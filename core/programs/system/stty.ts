/**
 * stty (coreutils 5.2.1) on standard input's terminal. The emulated line discipline has the
 * flags of kernel/tty.ts (icanon, echo, echoe, echoctl, isig, icrnl, onlcr, tostop); the other
 * flags of a Linux pty are shown with their usual values and accepted when set to those values.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { DEFAULT_TERMIOS, type Termios, type Tty } from '../../kernel/tty.js';
import { COREUTILS_BUG_FOOTER } from '../lib/messages.js';
import { runTool, type Tool, type ToolSpec } from '../lib/tool.js';
import { defineProgram } from '../registry.js';

type FlagName = keyof Termios;
type Group = 'control' | 'input' | 'output' | 'local';

/** mode_info[] for Linux: name, group, settable in the emulated tty, the fixed value otherwise, shown with '-' when off. */
const MODES: { name: string; group: Group; flag?: FlagName; fixed?: boolean; rev: boolean; saneSet?: boolean; saneUnset?: boolean }[] = [
  { name: 'parenb', group: 'control', fixed: false, rev: true },
  { name: 'parodd', group: 'control', fixed: false, rev: true },
  { name: 'cs5', group: 'control', fixed: false, rev: false },
  { name: 'cs6', group: 'control', fixed: false, rev: false },
  { name: 'cs7', group: 'control', fixed: false, rev: false },
  { name: 'cs8', group: 'control', fixed: true, rev: false },
  { name: 'hupcl', group: 'control', fixed: false, rev: true },
  { name: 'cstopb', group: 'control', fixed: false, rev: true },
  { name: 'cread', group: 'control', fixed: true, rev: true, saneSet: true },
  { name: 'clocal', group: 'control', fixed: false, rev: true },
  { name: 'crtscts', group: 'control', fixed: false, rev: true },
  { name: 'ignbrk', group: 'input', fixed: false, rev: true, saneUnset: true },
  { name: 'brkint', group: 'input', fixed: false, rev: true, saneSet: true },
  { name: 'ignpar', group: 'input', fixed: false, rev: true },
  { name: 'parmrk', group: 'input', fixed: false, rev: true },
  { name: 'inpck', group: 'input', fixed: false, rev: true },
  { name: 'istrip', group: 'input', fixed: false, rev: true },
  { name: 'inlcr', group: 'input', fixed: false, rev: true, saneUnset: true },
  { name: 'igncr', group: 'input', fixed: false, rev: true, saneUnset: true },
  { name: 'icrnl', group: 'input', flag: 'icrnl', rev: true, saneSet: true },
  { name: 'ixon', group: 'input', fixed: true, rev: true },
  { name: 'ixoff', group: 'input', fixed: false, rev: true, saneUnset: true },
  { name: 'iuclc', group: 'input', fixed: false, rev: true, saneUnset: true },
  { name: 'ixany', group: 'input', fixed: false, rev: true, saneUnset: true },
  { name: 'imaxbel', group: 'input', fixed: false, rev: true, saneSet: true },
  { name: 'opost', group: 'output', fixed: true, rev: true, saneSet: true },
  { name: 'olcuc', group: 'output', fixed: false, rev: true, saneUnset: true },
  { name: 'ocrnl', group: 'output', fixed: false, rev: true, saneUnset: true },
  { name: 'onlcr', group: 'output', flag: 'onlcr', rev: true, saneSet: true },
  { name: 'onocr', group: 'output', fixed: false, rev: true, saneUnset: true },
  { name: 'onlret', group: 'output', fixed: false, rev: true, saneUnset: true },
  { name: 'ofill', group: 'output', fixed: false, rev: true, saneUnset: true },
  { name: 'ofdel', group: 'output', fixed: false, rev: true, saneUnset: true },
  { name: 'nl1', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'nl0', group: 'output', fixed: true, rev: false, saneSet: true },
  { name: 'cr3', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'cr2', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'cr1', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'cr0', group: 'output', fixed: true, rev: false, saneSet: true },
  { name: 'tab3', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'tab2', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'tab1', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'tab0', group: 'output', fixed: true, rev: false, saneSet: true },
  { name: 'bs1', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'bs0', group: 'output', fixed: true, rev: false, saneSet: true },
  { name: 'vt1', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'vt0', group: 'output', fixed: true, rev: false, saneSet: true },
  { name: 'ff1', group: 'output', fixed: false, rev: false, saneUnset: true },
  { name: 'ff0', group: 'output', fixed: true, rev: false, saneSet: true },
  { name: 'isig', group: 'local', flag: 'isig', rev: true, saneSet: true },
  { name: 'icanon', group: 'local', flag: 'icanon', rev: true, saneSet: true },
  { name: 'iexten', group: 'local', fixed: true, rev: true, saneSet: true },
  { name: 'echo', group: 'local', flag: 'echo', rev: true, saneSet: true },
  { name: 'echoe', group: 'local', flag: 'echoe', rev: true, saneSet: true },
  { name: 'echok', group: 'local', fixed: true, rev: true, saneSet: true },
  { name: 'echonl', group: 'local', fixed: false, rev: true, saneUnset: true },
  { name: 'noflsh', group: 'local', fixed: false, rev: true, saneUnset: true },
  { name: 'xcase', group: 'local', fixed: false, rev: true, saneUnset: true },
  { name: 'tostop', group: 'local', flag: 'tostop', rev: true, saneUnset: true },
  { name: 'echoprt', group: 'local', fixed: false, rev: true, saneUnset: true },
  { name: 'echoctl', group: 'local', flag: 'echoctl', rev: true, saneSet: true },
  { name: 'echoke', group: 'local', fixed: true, rev: true, saneSet: true },
];

/** Aliases accepted on the command line. */
const ALIASES: Record<string, string> = { crterase: 'echoe', ctlecho: 'echoctl', prterase: 'echoprt', crtkill: 'echoke', hup: 'hupcl', tandem: 'ixoff' };

const CONTROL_CHARS = 'intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>; eol2 = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R; werase = ^W; lnext = ^V; flush = ^O;'
  .split(/(?<=;) /);

function modeValue(m: (typeof MODES)[number], t: Termios): boolean {
  return m.flag ? t[m.flag] : m.fixed!;
}

/** wrapf(): words separated by spaces, wrapped before max_col. */
class Wrapper {
  out = '';
  private col = 0;
  constructor(private readonly maxCol: number) {}
  word(s: string): void {
    if (this.col > 0 && this.maxCol <= this.col + 1 + s.length) {
      this.out += '\n';
      this.col = 0;
    }
    if (this.col > 0) {
      this.out += ' ';
      this.col++;
    }
    this.out += s;
    this.col += s.length;
  }
  newline(): void {
    this.out += '\n';
    this.col = 0;
  }
  get column(): number {
    return this.col;
  }
}

/** `stty -a` (pure). */
export function formatAll(t: Termios, size: { rows: number; cols: number }, maxCol: number): string {
  const w = new Wrapper(maxCol);
  w.word('speed 38400 baud;');
  w.word(`rows ${size.rows};`);
  w.word(`columns ${size.cols};`);
  w.word('line = 0;');
  w.newline();
  const chars = t.icanon ? CONTROL_CHARS : CONTROL_CHARS.filter((c) => !c.startsWith('eof ') && !c.startsWith('eol '));
  for (const c of chars) w.word(c);
  w.word('min = 1; time = 0;');
  if (w.column) w.newline();
  let group: Group = 'control';
  for (const m of MODES) {
    if (m.group !== group) {
      w.newline();
      group = m.group;
    }
    const on = modeValue(m, t);
    if (on) w.word(m.name);
    else if (m.rev) w.word('-' + m.name);
  }
  w.newline();
  return w.out;
}

/** `stty` without arguments: what differs from sane (pure). */
export function formatChanged(t: Termios, maxCol: number): string {
  const w = new Wrapper(maxCol);
  w.word('speed 38400 baud;');
  w.word('line = 0;');
  w.newline();
  if (!t.icanon) {
    w.word('min = 1; time = 0;');
    w.newline();
  }
  let group: Group = 'control';
  let empty = true;
  for (const m of MODES) {
    if (m.group !== group) {
      if (!empty) {
        w.newline();
        empty = true;
      }
      group = m.group;
    }
    const on = modeValue(m, t);
    if (on) {
      if (m.saneUnset) {
        w.word(m.name);
        empty = false;
      }
    } else if (m.saneSet && m.rev) {
      w.word('-' + m.name);
      empty = false;
    }
  }
  if (!empty) w.newline();
  return w.out;
}

const CC = [3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, ...Array<number>(16).fill(0)];

/** `stty -g`: iflag:oflag:cflag:lflag:cc... in hex, as Linux's termios holds them (pure). */
export function formatSave(t: Termios): string {
  const iflag = (t.icrnl ? 0x100 : 0) | 0x400;
  const oflag = 1 | (t.onlcr ? 4 : 0);
  const cflag = 0xbf;
  const lflag = (t.isig ? 1 : 0) | (t.icanon ? 2 : 0) | (t.echo ? 8 : 0) | (t.echoe ? 0x10 : 0) | 0x20 | (t.tostop ? 0x100 : 0) | (t.echoctl ? 0x200 : 0) | 0x800 | 0x8000;
  return [iflag, oflag, cflag, lflag, ...CC].map((n) => n.toString(16)).join(':');
}

/** Parse `stty -g` output back; undefined when it is not one. */
export function parseSave(text: string, base: Termios): Termios | undefined {
  const parts = text.split(':');
  if (parts.length < 4 || !parts.every((p) => /^[0-9a-fA-F]+$/.test(p))) return undefined;
  const [iflag, oflag, , lflag] = parts.map((p) => parseInt(p, 16)) as [number, number, number, number];
  return {
    ...base,
    icrnl: (iflag & 0x100) !== 0,
    onlcr: (oflag & 4) !== 0 && (oflag & 1) !== 0,
    isig: (lflag & 1) !== 0,
    icanon: (lflag & 2) !== 0,
    echo: (lflag & 8) !== 0,
    echoe: (lflag & 0x10) !== 0,
    tostop: (lflag & 0x100) !== 0,
    echoctl: (lflag & 0x200) !== 0,
  };
}

const HELP = `Usage: stty [-F DEVICE] [--file=DEVICE] [SETTING]...
  or:  stty [-F DEVICE] [--file=DEVICE] [-a|--all]
  or:  stty [-F DEVICE] [--file=DEVICE] [-g|--save]
Print or change terminal characteristics.

  -a, --all          print all current settings in human-readable form
  -g, --save         print all current settings in a stty-readable form
  -F, --file=DEVICE  open and use the specified DEVICE instead of stdin
      --help     display this help and exit
      --version  output version information and exit

Optional - before SETTING indicates negation.  An * marks non-POSIX
settings.  The underlying system defines which settings are available.

Special settings:
 * cols N        same as columns N
 * columns N     tell the kernel that the terminal has N columns
   raw           same as -ignbrk -brkint -ignpar -parmrk -inpck -istrip
                 -inlcr -igncr -icrnl  -ixon  -ixoff  -iuclc  -ixany
                 -imaxbel -opost -isig -icanon -xcase min 1 time 0
   -raw          same as cooked
 * rows N        tell the kernel that the terminal has N rows
   sane          same as cread -ignbrk brkint -inlcr -igncr icrnl -iutf8
                 -ixoff -iuclc -ixany imaxbel opost -olcuc -ocrnl onlcr
                 -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0
                 isig icanon iexten echo echoe echok -echonl -noflsh
                 -xcase -tostop -echoprt echoctl echoke, all special
                 characters to their default values.
 * size          print the number of rows and columns according to the kernel
   speed         print the terminal speed
${COREUTILS_BUG_FOOTER}`;

const SPEC: ToolSpec = {
  name: 'stty',
  suite: 'coreutils',
  authors: 'David MacKenzie',
  help: HELP,
  options: [],
  // Settings such as -echo look like options: every word but --help/--version reaches sttyBody.
  settings: { special: (arg) => arg !== '--help' && arg !== '--version' },
};

function applySetting(t: Termios, word: string): Termios | 'invalid' | 'unsupported' {
  const off = word.startsWith('-');
  const raw = off ? word.slice(1) : word;
  const name = ALIASES[raw] ?? raw;
  switch (name) {
    case 'raw':
      return off ? { ...t, icrnl: true, onlcr: true, isig: true, icanon: true } : { ...t, icrnl: false, onlcr: false, isig: false, icanon: false };
    case 'cooked':
      return off ? { ...t, icrnl: false, onlcr: false, isig: false, icanon: false } : { ...t, icrnl: true, onlcr: true, isig: true, icanon: true };
    case 'cbreak':
      return { ...t, icanon: off };
    case 'sane':
      if (off) return 'invalid';
      return { ...DEFAULT_TERMIOS };
    case 'nl':
      return { ...t, icrnl: off, onlcr: off };
    case 'crt':
      return off ? 'invalid' : { ...t, echoe: true, echoctl: true };
  }
  const mode = MODES.find((m) => m.name === name);
  if (!mode || (off && !mode.rev)) return 'invalid';
  if (mode.flag) return { ...t, [mode.flag]: !off };
  return mode.fixed === !off ? t : 'unsupported';
}

async function sttyBody(tool: Tool, proc: Process, args: readonly string[]): Promise<number> {
  let fd = 0;
  let opened = -1;
  let all = false;
  let save = false;
  const settings: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-a' || a === '--all') all = true;
    else if (a === '-g' || a === '--save') save = true;
    else if (a === '-F' || a.startsWith('--file=') || (a.startsWith('-F') && a.length > 2)) {
      const dev = a === '-F' ? args[++i] : a.startsWith('--file=') ? a.slice(7) : a.slice(2);
      if (dev === undefined) return tool.usageError('option requires an argument -- F');
      try {
        opened = proc.open(dev, 2 | 0o4000);
        fd = opened;
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        return tool.fatal(`${dev}: ${e.message}`);
      }
    } else settings.push(a);
  }
  const device = opened >= 0 ? 'the device' : 'standard input';
  const tty: Tty | undefined = proc.ttyOf(fd);
  if (!tty) return tool.fatal(`${device}: Inappropriate ioctl for device`);
  if (all && save) return tool.usageError('the options for verbose and stty-readable output styles are\nmutually exclusive');
  if ((all || save) && settings.length) return tool.usageError('when specifying an output style, modes may not be set');
  const termios = proc.getTermios(fd);
  const maxCol = tty.cols > 0 ? tty.cols : 80;
  if (all) {
    tool.out.put(formatAll(termios, tty, maxCol));
    return 0;
  }
  if (save) {
    tool.out.put(formatSave(termios) + '\n');
    return 0;
  }
  if (settings.length === 0) {
    tool.out.put(formatChanged(termios, maxCol));
    return 0;
  }
  let t = termios;
  let size: { rows?: number; cols?: number } = {};
  for (let i = 0; i < settings.length; i++) {
    const word = settings[i]!;
    if (word === 'size') {
      tool.out.put(`${tty.rows} ${tty.cols}\n`);
      continue;
    }
    if (word === 'speed') {
      tool.out.put('38400\n');
      continue;
    }
    if (word === 'rows' || word === 'cols' || word === 'columns' || word === 'min' || word === 'time' || word === 'line' || word === 'ispeed' || word === 'ospeed') {
      const v = settings[++i];
      if (v === undefined) return tool.usageError(`missing argument to \`${word}'`);
      if (!/^\d+$/.test(v)) return tool.usageError(`invalid integer argument \`${v}'`);
      if (word === 'rows') size = { ...size, rows: Number(v) };
      if (word === 'cols' || word === 'columns') size = { ...size, cols: Number(v) };
      continue;
    }
    if (/^\d+$/.test(word)) continue; // a speed: the pty ignores it
    const saved = parseSave(word, t);
    if (saved) {
      t = saved;
      continue;
    }
    // Control characters (intr ^C …) are fixed in this line discipline.
    if (['intr', 'quit', 'erase', 'kill', 'eof', 'eol', 'eol2', 'start', 'stop', 'susp', 'rprnt', 'werase', 'lnext', 'flush'].includes(word)) {
      if (settings[++i] === undefined) return tool.usageError(`missing argument to \`${word}'`);
      continue;
    }
    const r = applySetting(t, word);
    if (r === 'invalid') return tool.usageError(`invalid argument \`${word}'`);
    if (r === 'unsupported') continue; // the pty keeps its value, as some drivers do
    t = r;
  }
  proc.setTermios(fd, t);
  if (size.rows !== undefined || size.cols !== undefined) tty.resize(size.cols ?? tty.cols, size.rows ?? tty.rows);
  if (opened >= 0) proc.close(opened);
  return 0;
}

defineProgram({
  name: 'stty',
  vszKb: 3700,
  rssKb: 440,
  options: ['-a', '-g', 'sane', 'raw', '-raw', 'echo', '-echo', 'size', 'cols', 'rows', 'icanon', '-icanon', 'isig', '-isig'],
  main: (proc) => runTool(proc, SPEC, (tool, parsed) => sttyBody(tool, proc, parsed.operands)),
});
