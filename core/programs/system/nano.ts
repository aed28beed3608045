/**
 * nano 1.2.4, enough to change a configuration file: arrows, typing, Backspace/Delete, Enter,
 * ^O write out (with the "File Name to Write:" prompt), ^X exit (asking to save a modified
 * buffer), ^K/^U cut and paste lines, ^W search, ^Y/^V pages, ^C cursor position, ^G help.
 * The terminal is in raw mode without signals (^C is a nano command) and is restored on every
 * way out, including SIGTERM and SIGHUP (which save the buffer to FILE.save as nano does).
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import { SIG } from '../../kernel/signals.js';
import { defineProgram } from '../registry.js';
import { NanoBuffer } from './nano-buffer.js';
import { ESC, isInterrupt, RawTerminal, type Key } from './terminal.js';

const VERSION = 'GNU nano 1.2.4';

type Shortcut = [string, string];

const MAIN_SHORTCUTS: Shortcut[] = [
  ['^G', 'Get Help'], ['^O', 'WriteOut'], ['^R', 'Read File'], ['^Y', 'Prev Page'], ['^K', 'Cut Text'], ['^C', 'Cur Pos'],
  ['^X', 'Exit'], ['^J', 'Justify'], ['^W', 'Where Is'], ['^V', 'Next Page'], ['^U', 'UnCut Txt'], ['^T', 'To Spell'],
];
const WRITE_SHORTCUTS: Shortcut[] = [
  ['^G', 'Get Help'], ['^T', 'To Files'], ['M-M', 'Mac Format'], ['M-P', 'Prepend'],
  ['^C', 'Cancel'], ['M-D', 'DOS Format'], ['M-A', 'Append'], ['M-B', 'Backup File'],
];
const SEARCH_SHORTCUTS: Shortcut[] = [
  ['^G', 'Get Help'], ['^Y', 'First Line'], ['^R', 'Replace'], ['^W', 'Beg of Par'], ['M-C', 'Case Sens'], ['M-R', 'Regexp'],
  ['^C', 'Cancel'], ['^V', 'Last Line'], ['^T', 'Go To Line'], ['^O', 'End of Par'], ['M-B', 'Direction'], ['^P', 'History'],
];
/** Drawn by yesNoLines(). */
const YESNO_SHORTCUTS: Shortcut[] = [];
const HELP_SHORTCUTS: Shortcut[] = [
  ['^Y', 'Prev Page'], ['^X', 'Exit'],
  ['^V', 'Next Page'], ['', ''],
];

/** nano 1.2.4's help text. */
const HELP_TEXT = ` Main nano help text

 The nano editor is designed to emulate the functionality and ease-of-use of
 the UW Pico text editor.  There are four main sections of the editor: The top
 line shows the program version, the current filename being edited, and
 whether or not the file has been modified.  Next is the main editor window
 showing the file being edited.  The status line is the third line from the
 bottom and shows important messages. The bottom two lines show the most
 commonly used shortcuts in the editor.

  The notation for shortcuts is as follows: Control-key sequences are notated
 with a caret (^) symbol and are entered with the Control (Ctrl) key.  Escape-
 key sequences are notated with the Meta (M) symbol and can be entered using
 either the Esc, Alt or Meta key depending on your keyboard setup.  The
 following keystrokes are available in the main editor window.  Alternative
 keys are shown in parentheses:

 ^G      (F1)            Invoke the help menu
 ^X      (F2)            Exit from nano
 ^O      (F3)            Write the current file to disk
 ^J      (F4)            Justify the current paragraph
 ^R      (F5)            Insert another file into the current one
 ^W      (F6)            Search for text within the editor
 ^Y      (F7)            Move to the previous screen
 ^V      (F8)            Move to the next screen
 ^K      (F9)            Cut the current line and store it in the cutbuffer
 ^U      (F10)           Uncut from the cutbuffer into the current line
 ^C      (F11)           Show the position of the cursor
 ^T      (F12)           Invoke the spell checker, if available
 ^P      (Up)            Move up one line
 ^N      (Down)          Move down one line
 ^F      (Right)         Move forward one character
 ^B      (Left)          Move back one character
 ^A      (Home)          Move to the beginning of the current line
 ^E      (End)           Move to the end of the current line
 ^D      (Delete)        Delete the character under the cursor
 ^H      (Backspace)     Delete the character to the left of the cursor
 ^I      (Tab)           Insert a tab character
 ^M      (Enter)         Insert a carriage return at the cursor position
`;

/** onekey(): the key in reverse video, a space and the description, exactly `width` columns. */
function onekey(key: string, desc: string, width: number): string {
  let len = width - key.length;
  let out = ESC.reverse + key.slice(0, width) + ESC.normal;
  if (len > 0) {
    out += ' ';
    len--;
    const d = desc.slice(0, len);
    out += d + ' '.repeat(Math.max(0, len - d.length));
  }
  return out;
}

/**
 * bottombars(): the two shortcut lines, COLS / numcols columns each. `items` lists the top row
 * first, then the bottom row.
 */
export function shortcutLines(items: Shortcut[], cols: number): [string, string] {
  const numcols = Math.ceil(items.length / 2);
  const width = Math.floor(cols / numcols);
  const row = (part: Shortcut[]) => part.map(([key, desc]) => (key === '' ? ' '.repeat(width) : onekey(key, desc, width))).join('');
  return [row(items.slice(0, numcols)), row(items.slice(numcols))];
}

/** do_yesno()'s bottom lines: " Y Yes" above " N No" and "^C Cancel", 16 columns each. */
function yesNoLines(): [string, string] {
  return [onekey(' Y', 'Yes', 16), onekey(' N', 'No', 16) + onekey('^C', 'Cancel', 16)];
}

/** The title bar text (without attributes): "GNU nano 1.2.4" at 2, "File: NAME" centred, " Modified " at the right. */
export function titleBar(name: string | undefined, modified: boolean, cols: number): string {
  const chars = Array<string>(cols).fill(' ');
  const put = (at: number, s: string) => {
    for (let i = 0; i < s.length && at + i < cols; i++) if (at + i >= 0) chars[at + i] = s[i]!;
  };
  put(2, VERSION.slice(0, cols - 3));
  const space = cols - (VERSION.length + 1) - 22;
  const what = name ?? '';
  if (space > 0) {
    if (what === '') put(Math.floor(cols / 2) - 6, 'New Buffer');
    else if (what.length > space) put(2 + VERSION.length, '  File: ...' + what.slice(what.length - space));
    else put(Math.floor(cols / 2) - (Math.floor(what.length / 2) + 1), 'File: ' + what);
  }
  if (modified) put(cols - 11, ' Modified ');
  return chars.join('');
}

/** get_page_start(): the first display column shown when the cursor is at `column`. */
export function pageStart(column: number, cols: number): number {
  return column < cols - 1 ? 0 : column - 7 - ((column - 8) % (cols - 9));
}

/** Expand tabs for display (8 columns) and give the display column of a buffer column. */
function expand(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch < ' ' ? '^' + String.fromCharCode(ch.charCodeAt(0) + 64) : ch;
  return out;
}

function displayCol(line: string, col: number): number {
  return expand(line.slice(0, col)).length;
}

class Editor {
  buf: NanoBuffer;
  top = 0;
  status = '';
  private statusSticky = 0;

  constructor(
    readonly proc: Process,
    readonly term: RawTerminal,
    public name: string | undefined,
    text: string,
  ) {
    this.buf = new NanoBuffer(text);
  }

  get cols(): number {
    return this.term.cols;
  }
  get rows(): number {
    return this.term.rows;
  }
  get editRows(): number {
    return Math.max(1, this.rows - 5);
  }

  /** statusbar(): the message stays for 25 keystrokes (statblank). */
  setStatus(s: string): void {
    this.status = s;
    this.statusSticky = 26;
  }

  private scrollIntoView(): void {
    const b = this.buf;
    if (b.row < this.top) this.top = Math.max(0, b.row - Math.floor(this.editRows / 2));
    if (b.row >= this.top + this.editRows) this.top = b.row - Math.floor(this.editRows / 2);
    if (this.top < 0) this.top = 0;
  }

  /** The whole screen, with the cursor put where the buffer's is (or after a prompt). */
  async draw(bottom: { shortcuts: Shortcut[]; prompt?: string } = { shortcuts: MAIN_SHORTCUTS }): Promise<void> {
    this.scrollIntoView();
    const cols = this.cols;
    let s = ESC.home + ESC.reverse + titleBar(this.name, this.buf.modified, cols) + ESC.normal + ESC.clearEol + '\r\n' + ESC.clearEol;
    let cursorRow = 2;
    let cursorCol = 0;
    for (let i = 0; i < this.editRows; i++) {
      const r = this.top + i;
      s += '\r\n';
      const line = this.buf.lines[r];
      if (line === undefined) {
        s += ESC.clearEol;
        continue;
      }
      const shown = expand(line);
      // update_line(): the current line scrolls sideways in chunks so the cursor stays visible;
      // '$' marks text cut off on the left or the right.
      const dc = r === this.buf.row ? displayCol(line, this.buf.col) : 0;
      const start = pageStart(dc, cols);
      let text = shown.slice(start, start + cols);
      if (start > 0) text = '$' + text.slice(1);
      if (shown.length > start + cols) text = text.slice(0, cols - 1) + '$';
      if (r === this.buf.row) {
        cursorRow = 2 + i;
        cursorCol = dc - start;
      }
      s += text + ESC.clearEol;
    }
    // Status line, then the two shortcut lines.
    s += '\r\n';
    if (bottom.prompt !== undefined) {
      s += ESC.reverse + bottom.prompt.padEnd(cols).slice(0, cols) + ESC.normal;
    } else if (this.status) {
      const msg = this.status.slice(0, cols - 4);
      const at = Math.max(0, Math.floor((cols - msg.length - 4) / 2));
      s += ' '.repeat(at) + ESC.reverse + `[ ${msg} ]` + ESC.normal + ESC.clearEol;
    } else s += ESC.clearEol;
    const [l1, l2] = bottom.shortcuts === YESNO_SHORTCUTS ? yesNoLines() : shortcutLines(bottom.shortcuts, cols);
    s += '\r\n' + l1 + ESC.clearEol + '\r\n' + l2 + ESC.clearEol;
    if (bottom.prompt !== undefined) s += ESC.goto(this.rows - 3, Math.min(cols - 1, bottom.prompt.length));
    else s += ESC.goto(cursorRow, Math.max(0, Math.min(cols - 1, cursorCol)));
    await this.proc.out(s);
    if (this.statusSticky > 0) this.statusSticky--;
    else this.status = '';
  }

  /** A one-line prompt on the status line; undefined when cancelled with ^C. */
  async ask(label: string, initial: string, shortcuts: Shortcut[]): Promise<string | undefined> {
    let answer = initial;
    for (;;) {
      await this.draw({ shortcuts, prompt: label + answer });
      const k = await this.term.readKey();
      if (!k) return undefined;
      if (k.kind !== 'char') continue;
      const ch = k.ch;
      if (ch === '\x03') return undefined;
      if (ch === '\r' || ch === '\n') return answer;
      if (ch === '\x7f' || ch === '\b') answer = answer.slice(0, -1);
      else if (ch === '\x15') answer = '';
      else if (ch >= ' ') answer += ch;
    }
  }

  async yesNo(label: string): Promise<'y' | 'n' | 'cancel'> {
    for (;;) {
      await this.draw({ shortcuts: YESNO_SHORTCUTS, prompt: label });
      const k = await this.term.readKey();
      if (!k) return 'cancel';
      if (k.kind !== 'char') continue;
      const ch = k.ch.toLowerCase();
      if (ch === 'y') return 'y';
      if (ch === 'n') return 'n';
      if (ch === '\x03') return 'cancel';
    }
  }

  /** Write the buffer; the status says how it went. Returns whether it was written. */
  async write(path: string): Promise<boolean> {
    const text = this.buf.text();
    try {
      const fd = this.proc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
      try {
        await this.proc.write(fd, text);
      } finally {
        this.proc.close(fd);
      }
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      this.setStatus(`Could not open file for writing: ${e.message}`);
      return false;
    }
    this.name = path;
    this.buf.modified = false;
    const n = this.buf.lineCount;
    this.setStatus(`Wrote ${n} line${n === 1 ? '' : 's'}`);
    return true;
  }

  /** ^O, and the save step of ^X. */
  async writeOut(): Promise<boolean> {
    const path = await this.ask('File Name to Write: ', this.name ?? '', WRITE_SHORTCUTS);
    if (path === undefined || path === '') {
      this.setStatus('Cancelled');
      return false;
    }
    return this.write(path);
  }

  private lastSearch = '';

  async whereIs(): Promise<void> {
    const label = this.lastSearch ? `Search [${this.lastSearch}]: ` : 'Search: ';
    const answer = await this.ask(label, '', SEARCH_SHORTCUTS);
    if (answer === undefined) {
      this.setStatus('Cancelled');
      return;
    }
    const term = answer === '' ? this.lastSearch : answer;
    if (term === '') {
      this.setStatus('Cancelled');
      return;
    }
    this.lastSearch = term;
    const before = { row: this.buf.row, col: this.buf.col };
    if (!this.buf.search(term)) this.setStatus(`"${term}" not found`);
    else if (this.buf.row === before.row && this.buf.col === before.col) this.setStatus('This is the only occurrence');
  }

  async help(): Promise<void> {
    const lines = HELP_TEXT.split('\n');
    let top = 0;
    for (;;) {
      const visible = this.rows - 5;
      let s = ESC.home + ESC.reverse + titleBar(this.name, this.buf.modified, this.cols) + ESC.normal + ESC.clearEol + '\r\n' + ESC.clearEol;
      for (let i = 0; i < visible; i++) s += '\r\n' + (lines[top + i] ?? '').slice(0, this.cols) + ESC.clearEol;
      const [l1, l2] = shortcutLines(HELP_SHORTCUTS, this.cols);
      s += '\r\n' + ESC.clearEol + '\r\n' + l1 + ESC.clearEol + '\r\n' + l2 + ESC.clearEol;
      await this.proc.out(s);
      const k = await this.term.readKey();
      if (!k) return;
      if (k.kind === 'pagedown' || (k.kind === 'char' && k.ch === '\x16')) top = Math.min(Math.max(0, lines.length - visible), top + visible);
      else if (k.kind === 'pageup' || (k.kind === 'char' && k.ch === '\x19')) top = Math.max(0, top - visible);
      else if (k.kind === 'char' && (k.ch === '\x18' || k.ch === '\x03')) return;
    }
  }

  /** One key in the editing window; returns 'exit' to leave. */
  async key(k: Key): Promise<'exit' | undefined> {
    const b = this.buf;
    switch (k.kind) {
      case 'up':
        b.up();
        return;
      case 'down':
        b.down();
        return;
      case 'left':
        b.left();
        return;
      case 'right':
        b.right();
        return;
      case 'home':
        b.home();
        return;
      case 'end':
        b.end();
        return;
      case 'pageup':
        b.up(this.editRows - 2);
        this.top = Math.max(0, this.top - (this.editRows - 2));
        return;
      case 'pagedown':
        b.down(this.editRows - 2);
        this.top = Math.min(Math.max(0, b.lines.length - 1), this.top + (this.editRows - 2));
        return;
      case 'delete':
        b.deleteChar();
        return;
      case 'insert':
      case 'escape':
        return;
    }
    const ch = k.ch;
    switch (ch) {
      case '\x18': {
        // ^X
        if (!b.modified) return 'exit';
        const a = await this.yesNo('Save modified buffer (ANSWERING "No" WILL DESTROY CHANGES) ? ');
        if (a === 'n') return 'exit';
        if (a === 'cancel') {
          this.setStatus('Cancelled');
          return;
        }
        if (await this.writeOut()) return 'exit';
        return;
      }
      case '\x0f':
        await this.writeOut();
        return;
      case '\x17':
        await this.whereIs();
        return;
      case '\x0b':
        b.cutLine();
        return;
      case '\x15':
        b.uncut();
        return;
      case '\x03':
        this.setStatus(b.position());
        return;
      case '\x07':
        await this.help();
        return;
      case '\x19':
        b.up(this.editRows - 2);
        this.top = Math.max(0, this.top - (this.editRows - 2));
        return;
      case '\x16':
        b.down(this.editRows - 2);
        this.top = Math.min(Math.max(0, b.lines.length - 1), this.top + (this.editRows - 2));
        return;
      case '\x10':
        b.up();
        return;
      case '\x0e':
        b.down();
        return;
      case '\x06':
        b.right();
        return;
      case '\x02':
        b.left();
        return;
      case '\x01':
        b.home();
        return;
      case '\x05':
        b.end();
        return;
      case '\x04':
        b.deleteChar();
        return;
      case '\x7f':
      case '\b':
        b.backspace();
        return;
      case '\r':
      case '\n':
        b.newline();
        return;
      case '\t':
        b.insert('\t');
        return;
      case '\x0a':
        return;
      case '\x12':
        this.setStatus('Read File is not available here');
        return;
      case '\x14':
        this.setStatus('Spell checking is not available here');
        return;
      case '\x0c':
        return;
    }
    if (ch >= ' ') b.insert(ch);
  }
}

async function nanoMain(proc: Process): Promise<number> {
  const args = proc.argv.slice(1);
  if (args.includes('-V') || args.includes('--version')) {
    await proc.out(` GNU nano version 1.2.4 (compiled 10:31:47, Mar  3 2005)\n Email: nano@nano-editor.org\tWeb: http://www.nano-editor.org\n Compiled options: --enable-all --enable-nls --disable-wrapping-as-root\n`);
    return 0;
  }
  const name = args.find((a) => !a.startsWith('-') && !a.startsWith('+'));
  const term = RawTerminal.open(proc, 0);
  if (!term || !proc.isatty(1)) {
    await proc.err('Error opening terminal: unknown.\n');
    return 1;
  }
  let text = '';
  let status: string;
  if (name !== undefined) {
    try {
      const st = proc.fs.stat(name);
      if (st.type === 'dir') {
        status = `"${name}" is a directory`;
      } else {
        text = await proc.readFile(name);
        const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        status = `Read ${n} line${n === 1 ? '' : 's'}`;
      }
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      status = e.code === 'ENOENT' ? 'New File' : `Error reading ${name}: ${e.message}`;
    }
  } else status = '';
  const ed = new Editor(proc, term, name, text);
  if (status) ed.setStatus(status);

  let hangup = false;
  for (const sig of [SIG.TERM, SIG.HUP]) proc.signal(sig, () => (hangup = true));
  proc.signal(SIG.WINCH, () => {});
  term.enter({ isig: false });
  await proc.out(ESC.enterCa + ESC.clear);
  let exitMessage = '';
  try {
    for (;;) {
      await ed.draw();
      let k: Key | undefined;
      try {
        k = await term.readKey();
      } catch (e) {
        if (!isInterrupt(e)) throw e;
        if (hangup) break;
        continue;
      }
      if (!k) break;
      if ((await ed.key(k)) === 'exit') break;
      if (hangup) break;
    }
    if (hangup && ed.buf.modified) {
      const save = `${ed.name ?? 'nano'}.save`;
      try {
        const fd = proc.open(save, O_WRONLY | O_CREAT | O_TRUNC, 0o600);
        await proc.write(fd, ed.buf.text());
        proc.close(fd);
        exitMessage = `\nReceived SIGHUP or SIGTERM\n\nBuffer written to ${save}\n`;
      } catch {
        exitMessage = '\nReceived SIGHUP or SIGTERM\n';
      }
    } else if (hangup) exitMessage = '\nReceived SIGHUP or SIGTERM\n';
  } finally {
    await proc.out(ESC.exitCa).catch(() => {});
    term.restore();
  }
  if (exitMessage) await proc.err(exitMessage);
  return hangup ? 1 : 0;
}

defineProgram({ name: 'nano', main: nanoMain, vszKb: 5612, rssKb: 1604, options: ['-w', '-V', '--version'] });
