/**
 * The interactive shell's line editor (what GNU readline does for bash): the terminal is put in
 * non-canonical mode and this code handles editing keys, history, reverse search and completion.
 * Signals stay on, so Ctrl-C reaches the shell as SIGINT and aborts the line.
 */
import { SyscallError } from '../kernel/errno.js';
import type { Process } from '../kernel/process.js';

export interface CompletionResult {
  /** Start offset in the line of the word being completed. */
  start: number;
  /** Full candidate words (replacing line[start..cursor]). */
  candidates: string[];
  /** Append a space after a unique completion (false for directories, which get "/"). */
  appendSpace?: boolean;
}

export type Completer = (line: string, cursor: number) => CompletionResult | Promise<CompletionResult>;

export type ReadLineResult = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'interrupted' };

const ESC = '\x1b';

/** Visible width of a prompt: escape sequences take no room. */
export function visibleWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|[\x01\x02]/g, '')].length;
}

export class LineEditor {
  private pendingInput: string[] = [];
  private killRing = '';

  constructor(
    private readonly proc: Process,
    readonly history: string[],
    private readonly complete?: Completer,
    private readonly fd = 0,
  ) {}

  private get cols(): number {
    return Math.max(10, this.proc.ttyOf(this.fd)?.cols ?? 80);
  }

  private async nextChar(): Promise<string | undefined> {
    if (this.pendingInput.length === 0) {
      const data = await this.proc.read(this.fd, 4096);
      if (data === '') return undefined;
      this.pendingInput.push(...data);
    }
    return this.pendingInput.shift();
  }

  /** Read a key: a character or a whole escape sequence. */
  private async nextKey(): Promise<string | undefined> {
    const c = await this.nextChar();
    if (c !== ESC) return c;
    // An escape sequence arrives in one write from a terminal; if it is split, read on.
    const c2 = this.pendingInput.length ? this.pendingInput.shift()! : await this.nextChar();
    if (c2 === undefined) return ESC;
    if (c2 !== '[' && c2 !== 'O') return ESC + c2;
    let seq = ESC + c2;
    for (;;) {
      const c3 = this.pendingInput.length ? this.pendingInput.shift()! : await this.nextChar();
      if (c3 === undefined) return seq;
      seq += c3;
      if (/[A-Za-z~]/.test(c3)) return seq;
      if (seq.length > 12) return seq;
    }
  }

  async readLine(prompt: string): Promise<ReadLineResult> {
    const termios = this.proc.getTermios(this.fd);
    this.proc.setTermios(this.fd, { ...termios, icanon: false, echo: false });
    try {
      return await this.edit(prompt);
    } catch (e) {
      if (e instanceof SyscallError && e.code === 'EINTR') {
        this.pendingInput = [];
        await this.proc.write(this.fd, '\n');
        return { kind: 'interrupted' };
      }
      throw e;
    } finally {
      this.proc.setTermios(this.fd, termios);
    }
  }

  private async edit(prompt: string): Promise<ReadLineResult> {
    let line = '';
    let cursor = 0;
    let shownCursor = 0; // where the terminal cursor is, in characters after the prompt
    let historyIndex = this.history.length;
    const edits = new Map<number, string>(); // edited history entries, restored on accept
    let lastWasTab = false;
    const promptWidth = visibleWidth(prompt);
    const out = (s: string) => this.proc.write(this.fd, s);

    const rowColOf = (chars: number) => {
      const pos = promptWidth + chars;
      return { row: Math.floor(pos / this.cols), col: pos % this.cols };
    };
    const moveFromTo = (from: number, to: number) => {
      const a = rowColOf(from);
      const b = rowColOf(to);
      let s = '';
      if (b.row < a.row) s += `${ESC}[${a.row - b.row}A`;
      if (b.row > a.row) s += `${ESC}[${b.row - a.row}B`;
      if (b.col !== a.col) s += '\r' + (b.col > 0 ? `${ESC}[${b.col}C` : '');
      return s;
    };
    /** Redraw prompt and line from the prompt's first row, then place the cursor. */
    const redraw = async (fromPrompt = true) => {
      let s = fromPrompt ? moveFromTo(shownCursor, -promptWidth) + '\r' + prompt : moveFromTo(shownCursor, 0);
      s += line + `${ESC}[J`;
      const end = [...line].length;
      if ((promptWidth + end) % this.cols === 0 && end > 0) s += ' \r';
      s += moveFromTo(end, cursor);
      shownCursor = cursor;
      await out(s);
    };
    const setLine = async (text: string, at = [...text].length) => {
      line = text;
      cursor = at;
      await redraw();
    };
    const chars = () => [...line];

    await out(prompt);
    for (;;) {
      const key = await this.nextKey();
      if (key === undefined) return { kind: 'eof' };
      const isTab = key === '\t';
      const wasTab = lastWasTab;
      lastWasTab = false;
      switch (key) {
        case '\r':
        case '\n': {
          await out(moveFromTo(shownCursor, chars().length) + '\n');
          for (const [i, original] of edits) this.history[i] = original;
          return { kind: 'line', text: line };
        }
        case '\x04': // Ctrl-D: EOF on an empty line, delete-char otherwise
          if (line === '') return { kind: 'eof' };
          if (cursor < chars().length) {
            const c = chars();
            c.splice(cursor, 1);
            await setLine(c.join(''), cursor);
          }
          break;
        case '\x7f':
        case '\b':
          if (cursor > 0) {
            const c = chars();
            c.splice(cursor - 1, 1);
            await setLine(c.join(''), cursor - 1);
          }
          break;
        case `${ESC}[3~`: // Delete
          if (cursor < chars().length) {
            const c = chars();
            c.splice(cursor, 1);
            await setLine(c.join(''), cursor);
          }
          break;
        case `${ESC}[D`:
        case `${ESC}OD`:
        case '\x02':
          if (cursor > 0) {
            cursor--;
            await out(moveFromTo(shownCursor, cursor));
            shownCursor = cursor;
          }
          break;
        case `${ESC}[C`:
        case `${ESC}OC`:
        case '\x06':
          if (cursor < chars().length) {
            cursor++;
            await out(moveFromTo(shownCursor, cursor));
            shownCursor = cursor;
          }
          break;
        case `${ESC}[H`:
        case `${ESC}OH`:
        case `${ESC}[1~`:
        case '\x01':
          await out(moveFromTo(shownCursor, 0));
          cursor = shownCursor = 0;
          break;
        case `${ESC}[F`:
        case `${ESC}OF`:
        case `${ESC}[4~`:
        case '\x05':
          cursor = chars().length;
          await out(moveFromTo(shownCursor, cursor));
          shownCursor = cursor;
          break;
        case '\x0b': // Ctrl-K: kill to end
          this.killRing = chars().slice(cursor).join('');
          await setLine(chars().slice(0, cursor).join(''), cursor);
          break;
        case '\x15': // Ctrl-U: kill to start
          this.killRing = chars().slice(0, cursor).join('');
          await setLine(chars().slice(cursor).join(''), 0);
          break;
        case '\x17': {
          // Ctrl-W: kill the previous whitespace-delimited word
          const before = chars().slice(0, cursor).join('');
          const kept = before.replace(/\S+\s*$/, '');
          this.killRing = before.slice(kept.length);
          await setLine(kept + chars().slice(cursor).join(''), [...kept].length);
          break;
        }
        case '\x19': {
          // Ctrl-Y: yank
          const c = chars();
          const y = [...this.killRing];
          c.splice(cursor, 0, ...y);
          await setLine(c.join(''), cursor + y.length);
          break;
        }
        case '\x0c': // Ctrl-L
          shownCursor = 0;
          await out(`${ESC}[H${ESC}[2J`);
          await out(prompt);
          await redraw(false);
          break;
        case `${ESC}[A`:
        case `${ESC}OA`:
        case '\x10':
          if (historyIndex > 0) {
            if (historyIndex < this.history.length && line !== this.history[historyIndex]) {
              if (!edits.has(historyIndex)) edits.set(historyIndex, this.history[historyIndex]!);
              this.history[historyIndex] = line;
            }
            if (historyIndex === this.history.length) edits.set(-1, line);
            historyIndex--;
            await setLine(this.history[historyIndex]!);
          }
          break;
        case `${ESC}[B`:
        case `${ESC}OB`:
        case '\x0e':
          if (historyIndex < this.history.length) {
            historyIndex++;
            await setLine(historyIndex === this.history.length ? (edits.get(-1) ?? '') : this.history[historyIndex]!);
          }
          break;
        case '\x12': {
          // Ctrl-R: reverse incremental search
          const found = await this.reverseSearch(out, () => moveFromTo(shownCursor, -promptWidth) + '\r');
          shownCursor = 0;
          await out(`${ESC}[2K\r` + prompt);
          line = found ?? line;
          cursor = [...line].length;
          await redraw(false);
          break;
        }
        case '\t': {
          if (!this.complete) break;
          const result = await this.complete(line, cursor);
          const c = chars();
          const typed = c.slice(result.start, cursor).join('');
          const matches = result.candidates;
          if (matches.length === 0) {
            await out('\x07');
            break;
          }
          const common = commonPrefix(matches);
          if (matches.length === 1) {
            const suffix = result.appendSpace === false || common.endsWith('/') ? '' : ' ';
            const insert = common + suffix;
            const next = c.slice(0, result.start).join('') + insert + c.slice(cursor).join('');
            await setLine(next, [...(c.slice(0, result.start).join('') + insert)].length);
          } else if (common.length > typed.length) {
            const next = c.slice(0, result.start).join('') + common + c.slice(cursor).join('');
            await setLine(next, [...(c.slice(0, result.start).join('') + common)].length);
          } else if (wasTab) {
            await out(moveFromTo(shownCursor, c.length) + '\n' + formatColumns(matches, this.cols));
            shownCursor = 0;
            await out(prompt);
            await redraw(false);
          } else {
            await out('\x07');
          }
          lastWasTab = isTab;
          break;
        }
        default: {
          if (key.startsWith(ESC) || (key.length === 1 && key.charCodeAt(0) < 0x20)) break;
          const c = chars();
          const atEnd = cursor === c.length;
          c.splice(cursor, 0, ...key);
          line = c.join('');
          cursor += [...key].length;
          if (atEnd) {
            // Fast path for ordinary typing: just echo the character.
            let s = key;
            if ((promptWidth + cursor) % this.cols === 0) s += ' \r';
            shownCursor = cursor;
            await out(s);
          } else {
            await redraw(false);
          }
        }
      }
    }
  }

  private async reverseSearch(out: (s: string) => Promise<void>, toPromptStart: () => string): Promise<string | undefined> {
    let query = '';
    let match: string | undefined;
    let from = this.history.length - 1;
    const show = async () => {
      await out(toPromptStart() + `${ESC}[J` + `(reverse-i-search)\`${query}': ${match ?? ''}`);
    };
    const search = (start: number) => {
      for (let i = start; i >= 0; i--) {
        if (query && this.history[i]!.includes(query)) {
          from = i;
          return this.history[i];
        }
      }
      return undefined;
    };
    await show();
    for (;;) {
      const key = await this.nextKey();
      if (key === undefined || key === '\r' || key === '\n' || key.startsWith(ESC) || key === '\x07') {
        if (key === '\r' || key === '\n') this.pendingInput.unshift('\r');
        return key === '\x07' ? undefined : match;
      }
      if (key === '\x12') match = search(from - 1) ?? match;
      else if (key === '\x7f' || key === '\b') {
        query = query.slice(0, -1);
        match = search(this.history.length - 1);
      } else if (key.length === 1 && key >= ' ') {
        query += key;
        match = search(from) ?? search(this.history.length - 1);
      }
      await show();
    }
  }
}

export function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Lay words out in columns as readline lists completions. */
export function formatColumns(words: string[], cols: number): string {
  const width = Math.max(...words.map((w) => [...w].length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perRow);
  let s = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < perRow; c++) {
      const w = words[c * rows + r];
      if (w !== undefined) cells.push(w);
    }
    s += cells.map((w, i) => (i === cells.length - 1 ? w : w.padEnd(width))).join('') + '\n';
  }
  return s;
}
