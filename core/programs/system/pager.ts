/**
 * The pagers: more (util-linux 2.12a) and less (less 382). Both copy their input unchanged when
 * standard output is not a terminal. On a terminal they read keys in raw mode from the
 * terminal itself (standard input may be the piped text) and always restore it.
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_RDWR } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import { compileRegex, RegexError } from '../lib/regex.js';
import { defineProgram } from '../registry.js';
import { ESC, isInterrupt, RawTerminal, type Key } from './terminal.js';

interface Doc {
  name: string | undefined;
  text: string;
}

/** Lines of a text (without the final newline's empty line). */
export function textLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Tabs to spaces and long lines folded at the screen width, as a pager displays them. */
export function displayLines(text: string, cols: number, fold = true): string[] {
  const out: string[] = [];
  for (const raw of textLines(text)) {
    let line = '';
    for (const ch of raw) {
      if (ch === '\t') line += ' '.repeat(8 - (line.length % 8));
      else if (ch === '\b') line = line.slice(0, -1);
      else if (ch < ' ' && ch !== '\x1b') line += '^' + String.fromCharCode(ch.charCodeAt(0) + 64);
      else line += ch;
    }
    if (!fold || line.length <= cols) out.push(line);
    else for (let i = 0; i < line.length; i += cols) out.push(line.slice(i, i + cols));
  }
  return out;
}

/** Read every named input (or standard input); errors are reported and the name skipped. */
async function readInputs(proc: Process, names: string[], prog: string, report: (name: string, e: SyscallError) => string): Promise<{ docs: Doc[]; failed: boolean }> {
  const docs: Doc[] = [];
  let failed = false;
  if (names.length === 0) {
    docs.push({ name: undefined, text: await proc.readAll(0) });
    return { docs, failed };
  }
  for (const name of names) {
    try {
      const st = proc.fs.stat(name);
      if (st.type === 'dir') {
        await proc.err(prog === 'more' ? `\n*** ${name}: directory ***\n\n` : `${name} is a directory\n`);
        failed = true;
        continue;
      }
      docs.push({ name, text: await proc.readFile(name) });
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err(report(name, e));
      failed = true;
    }
  }
  return { docs, failed };
}

/**
 * The terminal to read keys from: standard input when it is one, else /dev/tty (when the text
 * comes from a pipe). Returns the fd and whether it was opened here.
 */
function keyboard(proc: Process): { fd: number; opened: boolean } | undefined {
  if (proc.isatty(0)) return { fd: 0, opened: false };
  try {
    const fd = proc.open('/dev/tty', O_RDWR);
    if (proc.isatty(fd)) return { fd, opened: true };
    proc.close(fd);
  } catch {
    // fall back to stdout's terminal below
  }
  if (proc.isatty(1)) {
    const fd = proc.dup(1);
    return { fd, opened: true };
  }
  return undefined;
}

// ----- more -----------------------------------------------------------------------------------

async function moreMain(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  const names = args.filter((a) => !/^[-+]/.test(a) || a === '-');
  if (names.length === 0 && proc.isatty(0)) {
    await proc.err('usage: more [-dflpcsu] [+linenum | +/pattern] name1 name2 ...\n');
    return 1;
  }
  const { docs, failed } = await readInputs(proc, names, 'more', (n, e) => `more: ${n}: ${e.message}\n`);
  const multi = names.length > 1;
  if (!proc.isatty(1)) {
    for (const d of docs) {
      if (multi) await proc.out(`::::::::::::::\n${d.name}\n::::::::::::::\n`);
      await proc.out(d.text);
    }
    return failed ? 1 : 0;
  }
  const kb = keyboard(proc);
  if (!kb) {
    for (const d of docs) await proc.out(d.text);
    return 0;
  }
  const term = RawTerminal.open(proc, kb.fd)!;
  let quit = false;
  for (const sig of [SIG.INT, SIG.QUIT, SIG.TERM, SIG.HUP]) proc.signal(sig, () => (quit = true));
  term.enter();
  try {
    for (let f = 0; f < docs.length && !quit; f++) {
      const d = docs[f]!;
      const cols = term.cols;
      const rows = term.rows;
      const lines = displayLines(d.text, cols);
      // Byte offsets of each display line's end, for the percentage.
      const total = Math.max(1, d.text.length);
      let pos = 0;
      const ends: number[] = [];
      for (const l of textLines(d.text)) {
        pos += l.length + 1;
        ends.push(Math.min(pos, total));
      }
      const page = rows - 1;
      let shown = 0;
      let out = '';
      if (multi) {
        out += `::::::::::::::\n${d.name}\n::::::::::::::\n`;
      }
      const header = multi ? 3 : 0;
      const step = (n: number) => {
        const chunk = lines.slice(shown, shown + n);
        shown += chunk.length;
        return chunk.map((l) => l + '\n').join('');
      };
      out += step(page - header);
      await proc.out(out);
      const nextName = docs[f + 1]?.name;
      while (shown < lines.length && !quit) {
        // Percentage of the file read so far, in bytes (more counts what it has displayed).
        const srcLine = Math.min(textLines(d.text).length - 1, approximateSourceLine(d.text, cols, shown));
        const pct = Math.floor(((ends[srcLine] ?? total) * 100) / total);
        const label = d.name === undefined ? '--More--' : `--More--(${pct}%)`;
        await proc.out(ESC.reverse + label + ESC.normal);
        let k: Key | undefined;
        try {
          k = await term.readKey();
        } catch (e) {
          if (!isInterrupt(e)) throw e;
          break;
        }
        await proc.out('\r' + ESC.clearEol);
        if (!k) {
          quit = true;
          break;
        }
        const ch = k.kind === 'char' ? k.ch : k.kind === 'down' ? '\n' : '';
        if (ch === 'q' || ch === 'Q') {
          quit = true;
          break;
        } else if (ch === ' ' || ch === 'z' || k.kind === 'pagedown') await proc.out(step(page));
        else if (ch === '\n' || ch === '\r' || ch === 'j') await proc.out(step(1));
        else if (ch === 'd' || ch === '\x04') await proc.out(step(Math.floor(page / 2)));
        else if (ch === 'f') {
          shown = Math.min(lines.length, shown + page);
          await proc.out('\n...skipping ' + page + ' lines\n' + step(page));
        } else if (ch === 'b' || ch === '\x02') {
          if (d.name === undefined) continue;
          shown = Math.max(0, shown - 2 * page);
          await proc.out('\n...back ' + page + ' pages\n' + step(page));
        } else if (ch === '=') {
          await proc.out(ESC.reverse + String(approximateSourceLine(d.text, cols, shown)) + ESC.normal);
          await term.readKey().catch(() => undefined);
          await proc.out('\r' + ESC.clearEol);
        } else if (ch === '/') {
          await proc.out('/');
          const pattern = await term.readLine({ cancel: true });
          await proc.out('\r' + ESC.clearEol);
          if (pattern === undefined || pattern === '') continue;
          let re: RegExp;
          try {
            re = compileRegex(pattern, {});
          } catch (e) {
            if (!(e instanceof RegexError)) throw e;
            await proc.out(e.message + '\n');
            continue;
          }
          const at = lines.findIndex((l, i) => i >= shown && re.test(l));
          if (at < 0) await proc.out(ESC.reverse + 'Pattern not found' + ESC.normal + '\n');
          else {
            await proc.out('\n...skipping\n');
            shown = Math.max(0, at - 2);
            await proc.out(step(page - 1));
          }
        } else if (ch === 'h' || ch === '?') {
          await proc.out(MORE_HELP);
        } else {
          await proc.out('\x07' + ESC.reverse + "[Press 'h' for instructions.]" + ESC.normal);
          await term.readKey().catch(() => undefined);
          await proc.out('\r' + ESC.clearEol);
        }
      }
      if (!quit && nextName !== undefined && shown >= lines.length) {
        await proc.out(ESC.reverse + `--More--(Next file: ${nextName})` + ESC.normal);
        const k = await term.readKey().catch(() => undefined);
        await proc.out('\r' + ESC.clearEol);
        if (!k || (k.kind === 'char' && (k.ch === 'q' || k.ch === 'Q'))) quit = true;
      }
    }
  } finally {
    term.restore();
    if (kb.opened) proc.close(kb.fd);
  }
  return failed ? 1 : 0;
}

/** Which source line a number of displayed (folded) lines has reached. */
function approximateSourceLine(text: string, cols: number, shown: number): number {
  let display = 0;
  const src = textLines(text);
  for (let i = 0; i < src.length; i++) {
    display += Math.max(1, Math.ceil(src[i]!.replace(/\t/g, '        ').length / cols));
    if (display >= shown) return i;
  }
  return src.length - 1;
}

const MORE_HELP = `
Most commands optionally preceded by integer argument k.  Defaults in brackets.
Star (*) indicates argument becomes new default.
-------------------------------------------------------------------------------
<space>                 Display next k lines of text [current screen size]
z                       Display next k lines of text [current screen size]*
<return>                Display next k lines of text [1]*
d or ctrl-D             Scroll k lines [current scroll size, initially 11]*
q or Q or <interrupt>   Exit from more
s                       Skip forward k lines of text [1]
f                       Skip forward k screenfuls of text [1]
b or ctrl-B             Skip backwards k screenfuls of text [1]
'                       Go to place where previous search started
=                       Display current line number
/<regular expression>   Search for kth occurrence of regular expression [1]
n                       Search for kth occurrence of last r.e [1]
!<cmd> or :!<cmd>       Execute <cmd> in a subshell
v                       Start up /usr/bin/vi at current line
ctrl-L                  Redraw screen
:n                      Go to kth next file [1]
:p                      Go to kth previous file [1]
:f                      Display current file name and line number
.                       Repeat previous command
-------------------------------------------------------------------------------
`;

// ----- less ------------------------------------------------------------------------------------

/** less's view of one document: the top line and the prompt. */
export class LessView {
  top = 0;
  constructor(
    readonly lines: string[],
    public rows: number,
  ) {}

  get page(): number {
    return Math.max(1, this.rows - 1);
  }

  get maxTop(): number {
    return Math.max(0, this.lines.length - this.page);
  }

  get atEnd(): boolean {
    return this.top + this.page >= this.lines.length;
  }

  /** Forward moves stop at the end of the file; backward ones at the top. */
  scroll(n: number): void {
    if (n > 0) this.top = Math.max(this.top, Math.min(this.top + n, this.maxTop));
    else this.top = Math.max(0, this.top + n);
  }

  /**
   * jump_loc(): a line already on the screen is scrolled towards the top as far as the end of
   * the file allows; another line becomes the top line, with "~" past the end if need be.
   */
  jumpTo(line: number): void {
    if (line >= this.top && line < this.top + this.page) this.scroll(line - this.top);
    else this.top = line;
  }

  /** The screen's text lines (tildes past the end of the file). */
  screen(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.page; i++) {
      const l = this.lines[this.top + i];
      out.push(l === undefined ? '~' : l);
    }
    return out;
  }

  /** The first line at or after `from` matching (or before, backwards); -1 when none. */
  search(re: RegExp, from: number, backwards: boolean): number {
    if (backwards) {
      for (let i = from; i >= 0; i--) if (re.test(this.lines[i]!)) return i;
    } else for (let i = from; i < this.lines.length; i++) if (re.test(this.lines[i]!)) return i;
    return -1;
  }
}

async function lessMain(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  const options = args.filter((a) => a.startsWith('-') && a !== '-');
  if (options.includes('-V') || options.includes('--version')) {
    await proc.out(
      'less 382\nCopyright (C) 2002 Mark Nudelman\n\nless comes with NO WARRANTY, to the extent permitted by law.\n' +
        'For information about the terms of redistribution,\nsee the file named README in the less distribution.\n' +
        'Homepage: http://www.greenwoodsoftware.com/less\n',
    );
    return 0;
  }
  const names = args.filter((a) => !a.startsWith('-') || a === '-').filter((a) => a !== '-');
  if (names.length === 0 && proc.isatty(0)) {
    await proc.err('Missing filename ("less --help" for help)\n');
    return 1;
  }
  const { docs, failed } = await readInputs(proc, names, 'less', (n, e) => `${n}: ${e.message}\n`);
  if (!proc.isatty(1)) {
    for (const d of docs) await proc.out(d.text);
    return failed ? 1 : 0;
  }
  if (docs.length === 0) return failed ? 1 : 0;
  const kb = keyboard(proc);
  if (!kb) {
    for (const d of docs) await proc.out(d.text);
    return 0;
  }
  const term = RawTerminal.open(proc, kb.fd)!;
  let quit = false;
  let suspended = false;
  for (const sig of [SIG.TERM, SIG.HUP]) proc.signal(sig, () => (quit = true));
  proc.signal(SIG.INT, () => {});
  proc.signal(SIG.WINCH, () => {});
  proc.signal(SIG.TSTP, () => (suspended = true));
  term.enter();
  let fileIndex = 0;
  let lastSearch: { re: RegExp; backwards: boolean } | undefined;
  try {
    await proc.out(ESC.enterCa);
    outer: while (fileIndex < docs.length && !quit) {
      const d = docs[fileIndex]!;
      const view = new LessView(displayLines(d.text, term.cols), term.rows);
      let fresh = true;
      let message: string | undefined;
      for (;;) {
        if (quit) break outer;
        view.rows = term.rows;
        const lines = view.screen();
        let prompt: string;
        if (message !== undefined) prompt = message;
        else {
          const parts: string[] = [];
          if (fresh && d.name !== undefined) parts.push(d.name);
          if (fresh && docs.length > 1) parts.push(`(file ${fileIndex + 1} of ${docs.length})`);
          if (view.atEnd) parts.push(docs.length > 1 && fileIndex + 1 < docs.length ? `(END) - Next: ${docs[fileIndex + 1]!.name}` : '(END)');
          prompt = parts.join(' ');
        }
        const promptText = prompt === '' ? ':' : ESC.reverse + prompt + ESC.normal;
        await proc.out(ESC.clear + lines.map((l) => l + ESC.clearEol).join('\n') + '\n' + promptText + ESC.clearEol);
        fresh = false;
        message = undefined;
        let k: Key | undefined;
        try {
          k = await term.readKey();
        } catch (e) {
          if (!isInterrupt(e)) throw e;
          if (suspended) {
            suspended = false;
            await term.suspend('\r' + ESC.clearEol + ESC.exitCa, 'SIGTSTP');
            await proc.out(ESC.enterCa);
          }
          continue;
        }
        if (!k) break outer;
        const ch = k.kind === 'char' ? k.ch : '';
        const half = Math.max(1, Math.floor(view.page / 2));
        if (ch === 'q' || ch === 'Q') break outer;
        if (ch === ':' && (await colonCommand(term, proc)) === 'quit') break outer;
        if (ch === 'Z') {
          const k2 = await term.readKey();
          if (k2?.kind === 'char' && k2.ch === 'Z') break outer;
          continue;
        }
        if (ch === ' ' || ch === 'f' || ch === '\x06' || ch === '\x16' || k.kind === 'pagedown') {
          if (view.atEnd && fileIndex + 1 < docs.length && ch !== ' ') {
            fileIndex++;
            continue outer;
          }
          view.scroll(view.page);
        } else if (ch === 'b' || ch === '\x02' || k.kind === 'pageup') view.scroll(-view.page);
        else if (ch === '\r' || ch === '\n' || ch === 'j' || ch === 'e' || ch === '\x05' || ch === '\x0e' || k.kind === 'down') view.scroll(1);
        else if (ch === 'k' || ch === 'y' || ch === '\x19' || ch === '\x10' || ch === '\x0b' || k.kind === 'up') view.scroll(-1);
        else if (ch === 'd' || ch === '\x04') view.scroll(half);
        else if (ch === 'u' || ch === '\x15') view.scroll(-half);
        else if (ch === 'g' || ch === '<' || k.kind === 'home') view.top = 0;
        else if (ch === 'G' || ch === '>' || k.kind === 'end') view.top = view.maxTop;
        else if (ch === '=' || ch === '\x07') {
          const last = Math.min(view.lines.length, view.top + view.page);
          message = `${d.name ?? 'Standard input'} lines ${view.top + 1}-${last}/${view.lines.length}${view.atEnd ? ' (END)' : ''}`;
        } else if (ch === '/' || ch === '?') {
          await proc.out('\r' + ESC.clearEol + ch);
          const pattern = await term.readLine({ cancel: true });
          if (pattern === undefined) continue;
          if (pattern !== '') {
            try {
              lastSearch = { re: compileRegex(pattern, { extended: true }), backwards: ch === '?' };
            } catch (e) {
              if (!(e instanceof RegexError)) throw e;
              message = e.message;
              continue;
            }
          }
          if (!lastSearch) {
            message = 'No previous regular expression';
            continue;
          }
          const at = view.search(lastSearch.re, lastSearch.backwards ? view.top - 1 : view.top + 1, lastSearch.backwards);
          if (at < 0) message = 'Pattern not found  (press RETURN)';
          else view.jumpTo(at);
        } else if (ch === 'n' || ch === 'N') {
          if (!lastSearch) {
            message = 'No previous regular expression';
            continue;
          }
          const back = ch === 'N' ? !lastSearch.backwards : lastSearch.backwards;
          const at = view.search(lastSearch.re, back ? view.top - 1 : view.top + 1, back);
          if (at < 0) message = 'Pattern not found  (press RETURN)';
          else view.jumpTo(at);
        } else if (ch === 'h' || ch === 'H') {
          message = 'HELP -- q to quit less, SPACE for next page, b to go back, / to search';
        } else if (ch === '\x0c' || ch === 'r' || ch === 'R') {
          // redraw
        } else if (k.kind === 'escape' || ch === '') {
          // ignore
        } else {
          await proc.out('\x07');
        }
      }
    }
  } finally {
    await proc.out('\r' + ESC.clearEol + ESC.exitCa).catch(() => {});
    term.restore();
    if (kb.opened) proc.close(kb.fd);
  }
  return failed ? 1 : 0;
}

/** less's `:` commands: :q quits, :n and :p are accepted (single-file here). */
async function colonCommand(term: RawTerminal, proc: Process): Promise<'quit' | 'none'> {
  await proc.out('\r' + ESC.clearEol + ':');
  const k = await term.readKey();
  if (k?.kind === 'char' && (k.ch === 'q' || k.ch === 'Q')) return 'quit';
  return 'none';
}


defineProgram({ name: 'more', main: moreMain, vszKb: 4900, rssKb: 600 });
defineProgram({ name: 'less', main: lessMain, vszKb: 4700, rssKb: 820, options: ['-N', '-S', '-V'] });
