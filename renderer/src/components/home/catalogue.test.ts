import { describe, expect, it } from 'vitest';
import type { LabSummary } from '../../../../host/contract.js';
import { groupByChapter } from './catalogue.js';

const lab = (id: string, chapter: string): LabSummary => ({
  id,
  chapter,
  title: { en: id },
  summary: {},
  durationMinutes: 10,
  locales: ['en'],
  source: 'bundled',
});

describe('groupByChapter', () => {
  it('follows the lecture’s order, keeps the host’s order within a chapter, and puts unknown chapters last', () => {
    const groups = groupByChapter([lab('esx', 'esx-setup'), lab('x', 'mystery'), lab('b', 'consolidation'), lab('a', 'consolidation')]);
    expect(groups.map((g) => [g.chapter, g.number, g.labs.map((l) => l.id)])).toEqual([
      ['consolidation', 1, ['b', 'a']],
      ['esx-setup', 7, ['esx']],
      ['', 0, ['x']],
    ]);
  });
  it('gives nothing for no labs', () => {
    expect(groupByChapter([])).toEqual([]);
  });
});
