/**
 * What the tests read inside the page. The test tsconfig has no DOM library, so page functions
 * reach the page through these minimal shapes: `(globalThis as unknown as VlabWindow)`.
 */
export interface VlabTestHook {
  terminals(): { title: string; active: boolean; text: string }[];
  activeText(): string;
  activeSerialized(): Promise<string>;
  activeTerminal(): { cols: number; rows: number; options: { fontSize?: number } } | undefined;
  flush(): Promise<void>;
}

export interface PageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
}

export interface VlabWindow {
  __vlabTest: VlabTestHook;
  document: {
    activeElement: PageElement | null;
    documentElement: { lang: string; dataset: Record<string, string | undefined>; style: { fontSize: string } };
    title: string;
  };
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
}
