/**
 * Allocated data blocks of a regular file as sorted, disjoint half-open intervals stored flat:
 * [start0, end0, start1, end1, …]. Most files have one interval [0, n); holes (truncate -s,
 * writes past the end of file) leave gaps that use no space. Arrays are never mutated in place
 * (inode states are shared with snapshots).
 */

export type Extents = readonly number[];

export const NO_EXTENTS: Extents = Object.freeze([]) as Extents;

export function extentBlocks(ext: Extents): number {
  let n = 0;
  for (let i = 0; i < ext.length; i += 2) n += ext[i + 1]! - ext[i]!;
  return n;
}

/** Number of blocks in [b0, b1) that are not yet allocated. */
export function gapBlocks(ext: Extents, b0: number, b1: number): number {
  if (b1 <= b0) return 0;
  let covered = 0;
  for (let i = 0; i < ext.length; i += 2) {
    const s = Math.max(ext[i]!, b0);
    const e = Math.min(ext[i + 1]!, b1);
    if (e > s) covered += e - s;
  }
  return b1 - b0 - covered;
}

/**
 * The largest c in [b0, b1] such that allocating [b0, c) needs at most `budget` new blocks.
 */
export function cutForBudget(ext: Extents, b0: number, b1: number, budget: number): number {
  if (gapBlocks(ext, b0, b1) <= budget) return b1;
  let pos = b0;
  let left = budget;
  for (let i = 0; i <= ext.length; i += 2) {
    const s = i < ext.length ? ext[i]! : Infinity;
    const e = i < ext.length ? ext[i + 1]! : Infinity;
    if (e <= pos) continue;
    // gap [pos, min(s, b1))
    const gapEnd = Math.min(s, b1);
    if (gapEnd > pos) {
      const gap = gapEnd - pos;
      if (gap > left) return pos + left;
      left -= gap;
    }
    pos = Math.max(pos, e);
    if (pos >= b1) return b1;
  }
  return b1;
}

/** The union of `ext` and [b0, b1). */
export function addExtent(ext: Extents, b0: number, b1: number): Extents {
  if (b1 <= b0) return ext;
  const out: number[] = [];
  let s = b0;
  let e = b1;
  let placed = false;
  for (let i = 0; i < ext.length; i += 2) {
    const a = ext[i]!;
    const b = ext[i + 1]!;
    if (b < s) out.push(a, b);
    else if (a > e) {
      if (!placed) {
        out.push(s, e);
        placed = true;
      }
      out.push(a, b);
    } else {
      s = Math.min(s, a);
      e = Math.max(e, b);
    }
  }
  if (!placed) out.push(s, e);
  return out;
}

/** Drop every block at or after `endBlock`. */
export function truncateExtents(ext: Extents, endBlock: number): Extents {
  if (ext.length === 0 || ext[ext.length - 1]! <= endBlock) return ext;
  const out: number[] = [];
  for (let i = 0; i < ext.length; i += 2) {
    const a = ext[i]!;
    const b = Math.min(ext[i + 1]!, endBlock);
    if (b > a) out.push(a, b);
  }
  return out;
}
