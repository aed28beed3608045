/**
 * nano's editing model, pure: lines with a "magic line" (the empty line after the last newline
 * where the cursor may go), a cursor, the cut buffer that consecutive ^K's fill, search, and the
 * file text it writes back. nano.ts draws it and maps keys to these operations.
 */

export class NanoBuffer {
  /** Always ends with the magic line: "" after the file's last newline. */
  lines: string[];
  row = 0;
  col = 0;
  /** Column the cursor tries to keep when moving up and down. */
  private wantCol = 0;
  modified = false;
  cut: string[] = [];
  /** Set by cutLine(); any other edit makes the next ^K start a new cut buffer. */
  private cutting = false;

  constructor(text = '') {
    const lines = text.split('\n');
    // "a\nb\n" → a, b, and the magic line; "a\nb" → a, b, magic line added.
    if (lines[lines.length - 1] !== '') lines.push('');
    this.lines = lines;
  }

  /** The number of lines nano reports ("[ Read 5 lines ]"): the magic line excluded. */
  get lineCount(): number {
    return this.lines.length - 1;
  }

  /** The file's text: every line but the magic one, each with its newline. */
  text(): string {
    return this.lines.slice(0, -1).map((l) => l + '\n').join('');
  }

  get current(): string {
    return this.lines[this.row]!;
  }

  private edited(): void {
    this.modified = true;
    this.cutting = false;
    this.wantCol = this.col;
    // Typing on the magic line makes it real: a new magic line follows.
    if (this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  insert(s: string): void {
    for (const ch of s) {
      if (ch === '\n') {
        this.newline();
        continue;
      }
      const l = this.current;
      this.lines[this.row] = l.slice(0, this.col) + ch + l.slice(this.col);
      this.col += ch.length;
      this.edited();
    }
  }

  newline(): void {
    const l = this.current;
    this.lines.splice(this.row, 1, l.slice(0, this.col), l.slice(this.col));
    this.row++;
    this.col = 0;
    this.edited();
  }

  /** Backspace: delete before the cursor, joining with the previous line at column 0. */
  backspace(): void {
    if (this.col > 0) {
      const l = this.current;
      this.lines[this.row] = l.slice(0, this.col - 1) + l.slice(this.col);
      this.col--;
      this.edited();
    } else if (this.row > 0) {
      const prev = this.lines[this.row - 1]!;
      this.lines.splice(this.row - 1, 2, prev + this.current);
      this.row--;
      this.col = prev.length;
      this.edited();
    }
  }

  /** Delete the character under the cursor, joining with the next line at the end. */
  deleteChar(): void {
    const l = this.current;
    if (this.col < l.length) {
      this.lines[this.row] = l.slice(0, this.col) + l.slice(this.col + 1);
      this.edited();
    } else if (this.row < this.lines.length - 1) {
      this.lines.splice(this.row, 2, l + this.lines[this.row + 1]!);
      this.edited();
    }
  }

  left(): void {
    if (this.col > 0) this.col--;
    else if (this.row > 0) {
      this.row--;
      this.col = this.current.length;
    }
    this.moved();
  }

  right(): void {
    if (this.col < this.current.length) this.col++;
    else if (this.row < this.lines.length - 1) {
      this.row++;
      this.col = 0;
    }
    this.moved();
  }

  up(n = 1): void {
    this.row = Math.max(0, this.row - n);
    this.col = Math.min(this.wantCol, this.current.length);
    this.cutting = false;
  }

  down(n = 1): void {
    this.row = Math.min(this.lines.length - 1, this.row + n);
    this.col = Math.min(this.wantCol, this.current.length);
    this.cutting = false;
  }

  home(): void {
    this.col = 0;
    this.moved();
  }

  end(): void {
    this.col = this.current.length;
    this.moved();
  }

  private moved(): void {
    this.wantCol = this.col;
    this.cutting = false;
  }

  /** ^K: cut the current line (consecutive cuts accumulate). */
  cutLine(): void {
    if (!this.cutting) this.cut = [];
    if (this.row === this.lines.length - 1) {
      // The magic line: nothing to cut but the (empty) line itself.
      if (this.current === '') {
        this.cutting = true;
        return;
      }
    }
    this.cut.push(this.current);
    this.lines.splice(this.row, 1);
    if (this.lines.length === 0 || this.lines[this.lines.length - 1] !== '') this.lines.push('');
    if (this.row > this.lines.length - 1) this.row = this.lines.length - 1;
    this.col = 0;
    this.wantCol = 0;
    this.modified = true;
    this.cutting = true;
  }

  /** ^U: paste the cut buffer above the current line. */
  uncut(): void {
    if (this.cut.length === 0) return;
    this.lines.splice(this.row, 0, ...this.cut);
    this.row += this.cut.length;
    this.col = 0;
    this.modified = true;
    this.cutting = false;
    this.wantCol = 0;
  }

  /**
   * ^W: the next occurrence after the cursor, wrapping to the top; case-insensitive like nano's
   * default. Moves the cursor and returns true when found.
   */
  search(term: string): boolean {
    if (term === '') return false;
    const needle = term.toLowerCase();
    const n = this.lines.length;
    for (let step = 0; step <= n; step++) {
      const r = (this.row + step) % n;
      const hay = this.lines[r]!.toLowerCase();
      const from = step === 0 ? this.col + 1 : 0;
      const at = hay.indexOf(needle, from);
      if (at >= 0 && !(step === n && at >= this.col + 1)) {
        this.row = r;
        this.col = at;
        this.moved();
        return true;
      }
    }
    return false;
  }

  /** ^C's report (do_cursorpos): "line 1/6 (16%), col 1/10 (10%), char 0/42 (0%)". */
  position(): string {
    const lines = this.lines.length;
    const lineLen = this.current.length + 1;
    let charPos = 0;
    for (let i = 0; i < this.row; i++) charPos += this.lines[i]!.length + 1;
    charPos += this.col;
    const total = this.text().length;
    const pct = (a: number, b: number) => (b > 0 ? Math.floor((100 * a) / b) : 0);
    return (
      `line ${this.row + 1}/${lines} (${pct(this.row + 1, lines)}%), ` +
      `col ${this.col + 1}/${lineLen} (${pct(this.col + 1, lineLen)}%), ` +
      `char ${charPos}/${total} (${pct(charPos, total)}%)`
    );
  }
}
