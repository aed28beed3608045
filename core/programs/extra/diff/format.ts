/**
 * GNU diff 2.8.1's output formats for one pair of files: normal (`2c2`, `< `, `---`, `> `),
 * unified (`-u`: `@@ -1,3 +1,3 @@`) and context (`-c`: `***************`), with the range
 * notations of its print_*_number_range() and the "\ No newline at end of file" marker.
 */
import { groupHunks, type Change, type DiffLine } from './engine.js';

const NO_NEWLINE = '\\ No newline at end of file\n';

/** A line with its prefix, and the marker when it lacks its newline. */
function emit(prefix: string, line: DiffLine): string {
  return prefix + line.text + '\n' + (line.nl ? '' : NO_NEWLINE);
}

/** "3" or "3,5" (1-based, inclusive); an empty range prints the line before it. */
function plainRange(from: number, to: number): string {
  // from/to are 0-based, to exclusive: the 1-based first line is from+1, the last is to.
  return to > from + 1 ? `${from + 1},${to}` : `${to}`;
}

export function formatNormal(a: readonly DiffLine[], b: readonly DiffLine[], changes: readonly Change[]): string {
  let out = '';
  for (const c of changes) {
    const deleted = c.a1 > c.a0;
    const inserted = c.b1 > c.b0;
    const op = deleted && inserted ? 'c' : deleted ? 'd' : 'a';
    out += `${plainRange(c.a0, c.a1)}${op}${plainRange(c.b0, c.b1)}\n`;
    for (let i = c.a0; i < c.a1; i++) out += emit('< ', a[i]!);
    if (deleted && inserted) out += '---\n';
    for (let j = c.b0; j < c.b1; j++) out += emit('> ', b[j]!);
  }
  return out;
}

/** print_unidiff_number_range: "3", "3,4", or "2,0" for no lines after line 2. */
function unifiedRange(from: number, to: number): string {
  const first = from + 1;
  const last = to;
  if (last <= first) return last < first ? `${last},0` : `${last}`;
  return `${first},${last - first + 1}`;
}

/** The span of a hunk with its context, clipped to the files. */
function hunkSpan(hunk: readonly Change[], context: number, aLen: number, bLen: number) {
  const first = hunk[0]!;
  const last = hunk[hunk.length - 1]!;
  const lead = Math.min(context, first.a0, first.b0);
  const trail = Math.min(context, aLen - last.a1, bLen - last.b1);
  return { a0: first.a0 - lead, a1: last.a1 + trail, b0: first.b0 - lead, b1: last.b1 + trail };
}

export function formatUnified(a: readonly DiffLine[], b: readonly DiffLine[], changes: readonly Change[], context: number): string {
  let out = '';
  for (const hunk of groupHunks(changes, context)) {
    const span = hunkSpan(hunk, context, a.length, b.length);
    out += `@@ -${unifiedRange(span.a0, span.a1)} +${unifiedRange(span.b0, span.b1)} @@\n`;
    let i = span.a0;
    let j = span.b0;
    for (const c of hunk) {
      for (; i < c.a0; i++, j++) out += emit(' ', a[i]!);
      for (; i < c.a1; i++) out += emit('-', a[i]!);
      for (; j < c.b1; j++) out += emit('+', b[j]!);
    }
    for (; i < span.a1; i++) out += emit(' ', a[i]!);
  }
  return out;
}

export function formatContext(a: readonly DiffLine[], b: readonly DiffLine[], changes: readonly Change[], context: number): string {
  let out = '';
  for (const hunk of groupHunks(changes, context)) {
    const span = hunkSpan(hunk, context, a.length, b.length);
    out += '***************\n';
    out += `*** ${plainRange(span.a0, span.a1)} ****\n`;
    // A side is printed only if the hunk changes something on it.
    if (hunk.some((c) => c.a1 > c.a0)) {
      let i = span.a0;
      for (const c of hunk) {
        for (; i < c.a0; i++) out += emit('  ', a[i]!);
        const mark = c.b1 > c.b0 ? '! ' : '- ';
        for (; i < c.a1; i++) out += emit(mark, a[i]!);
      }
      for (; i < span.a1; i++) out += emit('  ', a[i]!);
    }
    out += `--- ${plainRange(span.b0, span.b1)} ----\n`;
    if (hunk.some((c) => c.b1 > c.b0)) {
      let j = span.b0;
      for (const c of hunk) {
        for (; j < c.b0; j++) out += emit('  ', b[j]!);
        const mark = c.a1 > c.a0 ? '! ' : '+ ';
        for (; j < c.b1; j++) out += emit(mark, b[j]!);
      }
      for (; j < span.b1; j++) out += emit('  ', b[j]!);
    }
  }
  return out;
}
