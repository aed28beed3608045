/**
 * The comparison behind diff: which lines of A and B are unchanged (a longest common subsequence
 * found with Myers' O(ND) algorithm), and the changes between them grouped as GNU diff groups
 * them — one change per run of differing lines, hunks merged when their gap is at most twice the
 * context.
 */

/** One line of a file; the last one may lack its newline ("\ No newline at end of file"). */
export interface DiffLine {
  text: string;
  nl: boolean;
}

/** Lines a0..a1-1 of A were replaced by lines b0..b1-1 of B (0-based; an empty side is an insertion or deletion). */
export interface Change {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Past this many differences the middle is taken as one big change (diff's large-file heuristic). */
const MAX_EDIT_DISTANCE = 2000;

/**
 * The changes between two sequences of comparison keys, in order. Common head and tail are
 * stripped first; the middle goes through Myers' greedy algorithm with a trace for backtracking.
 */
export function computeChanges(a: readonly string[], b: readonly string[]): Change[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const matched = matchMiddle(midA, midB);
  // Walk both sides: a run of unmatched lines on either side is one change.
  const changes: Change[] = [];
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...matched, [midA.length, midB.length] as const]) {
    if (i < mi || j < mj) changes.push({ a0: head + i, a1: head + mi, b0: head + j, b1: head + mj });
    i = mi + 1;
    j = mj + 1;
  }
  return changes;
}

/** Pairs (i, j) of matched positions, increasing, via Myers' algorithm (or none past the limit). */
function matchMiddle(a: readonly string[], b: readonly string[]): (readonly [number, number])[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] is the frontier before round d, diagonals -d-1..d+1 only (memory grows as d²).
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      // Prefer a deletion from A on ties, as diff prints deletions before insertions.
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return [];
  // Backtrack through the saved frontiers to recover the diagonals (the matches).
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const frontier = trace[d]!;
    const at = (diagonal: number) => frontier[diagonal + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push([x, y]);
  }
  return pairs.reverse();
}

/** Changes grouped into hunks for the context and unified formats (gap ≤ 2 × context merges). */
export function groupHunks(changes: readonly Change[], context: number): Change[][] {
  const hunks: Change[][] = [];
  for (const c of changes) {
    const last = hunks[hunks.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && c.a0 - prev.a1 <= 2 * context) last.push(c);
    else hunks.push([c]);
  }
  return hunks;
}

/** The comparison key of a line under -i, -b, -w (the newline counts: an incomplete last line differs). */
export function lineKey(line: DiffLine, opts: { ignoreCase?: boolean; ignoreSpaceChange?: boolean; ignoreAllSpace?: boolean }): string {
  let t = line.text;
  if (opts.ignoreAllSpace) t = t.replace(/[ \t\v\f\r]+/g, '');
  else if (opts.ignoreSpaceChange) t = t.replace(/[ \t\v\f\r]+/g, ' ').replace(/ $/, '');
  if (opts.ignoreCase) t = t.toLowerCase();
  return line.nl ? t + '\n' : t;
}

/** Split a file's text into lines (the last may lack its newline). */
export function splitDiffLines(text: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    lines.push({ text: text.slice(start, nl), nl: true });
    start = nl + 1;
  }
  if (start < text.length) lines.push({ text: text.slice(start), nl: false });
  return lines;
}
