/** How the home page orders labs: by the lecture's chapters, unknown chapters last. */
import { CHAPTERS, type LabSummary } from '../../../../host/contract.js';

export interface ChapterGroup {
  /** A CHAPTERS id, or '' for labs whose chapter the app does not know. */
  chapter: string;
  /** 1-based position in the lecture's plan; 0 for the "other" group. */
  number: number;
  labs: LabSummary[];
}

export function groupByChapter(labs: readonly LabSummary[]): ChapterGroup[] {
  const groups: ChapterGroup[] = CHAPTERS.map((chapter, i) => ({ chapter, number: i + 1, labs: [] }));
  const other: ChapterGroup = { chapter: '', number: 0, labs: [] };
  for (const lab of labs) {
    const i = (CHAPTERS as readonly string[]).indexOf(lab.chapter);
    (i >= 0 ? groups[i]! : other).labs.push(lab);
  }
  return [...groups, other].filter((g) => g.labs.length > 0);
}
