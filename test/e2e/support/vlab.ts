/** A `vlab serve` HTTP server on a fresh temporary data folder, and page helpers for the tests. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../../host/services/http-server.js';
import { progressFile, userLabsDir } from '../../../host/services/data-dir.js';
import type { VlabWindow } from './page-types.js';
import { RENDERER_OUT, SCREENSHOTS } from './paths.js';

export interface FixtureLab {
  folder: string;
  /** lab.yaml's text as is (write broken ones by hand). */
  yaml: string;
  locales: ('fr' | 'en')[];
}

export function labYaml(l: {
  id: string;
  chapter: string;
  title: { fr?: string; en?: string };
  summary: { fr?: string; en?: string };
  duration: number;
}): string {
  const text = (t: { fr?: string; en?: string }) =>
    Object.entries(t)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
      .join('\n');
  return `schema_version: 1\nid: ${l.id}\nchapter: ${l.chapter}\nduration: ${l.duration}\ntitle:\n${text(l.title)}\nsummary:\n${text(l.summary)}\n`;
}

export interface VlabServer {
  url: string;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startVlab(options: { labs?: FixtureLab[]; progressText?: string; systemLocale?: 'fr' | 'en' } = {}): Promise<VlabServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'vlab-e2e-'));
  const bundled = path.join(root, 'bundled');
  const dataDir = path.join(root, 'data');
  await mkdir(bundled, { recursive: true });
  await mkdir(userLabsDir(dataDir), { recursive: true });
  for (const lab of options.labs ?? []) {
    const dir = path.join(bundled, lab.folder);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'lab.yaml'), lab.yaml);
    for (const l of lab.locales) await writeFile(path.join(dir, `${l}.md`), `# ${lab.folder}\n`);
  }
  if (options.progressText !== undefined) await writeFile(progressFile(dataDir), options.progressText);

  // The server reads the system language from the environment when it starts.
  const saved = process.env.LC_ALL;
  process.env.LC_ALL = options.systemLocale === 'fr' ? 'fr_FR.UTF-8' : 'en_GB.UTF-8';
  let server;
  try {
    server = await startServer({ port: 0, rendererDir: RENDERER_OUT, labsDirs: { bundled, user: userLabsDir(dataDir) }, dataDir });
  } finally {
    if (saved === undefined) delete process.env.LC_ALL;
    else process.env.LC_ALL = saved;
  }
  return {
    url: server.url,
    token: server.token,
    dataDir,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen in the page. */
  problems: string[];
}

export async function openPage(
  browser: Browser,
  url: string,
  options: { viewport?: { width: number; height: number }; beforeGoto?: (page: Page) => Promise<unknown> } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: 'light', locale: 'en-GB' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await options.beforeGoto?.(page);
  await page.goto(url);
  return { context, page, problems };
}


/** Wait until a line of the visible terminal contains `needle`. */
export async function waitForLine(page: Page, needle: string | RegExp, timeout = 15_000): Promise<void> {
  const source = typeof needle === 'string' ? { text: needle } : { re: needle.source, flags: needle.flags };
  await page.waitForFunction(
    (n) => {
      const text = (globalThis as unknown as VlabWindow).__vlabTest?.activeText() ?? '';
      const lines = text.split('\n');
      return 'text' in n ? lines.some((l) => l.includes(n.text!)) : lines.some((l) => new RegExp(n.re!, n.flags).test(l));
    },
    source,
    { timeout },
  );
}

export const activeText = (page: Page) => page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.activeText());
export const terminals = (page: Page) => page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.terminals());
export const flushPreferences = (page: Page) => page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.flush());

/** The lines of the visible terminal, without trailing blanks. */
export async function screenLines(page: Page): Promise<string[]> {
  return (await activeText(page)).split('\n').map((l) => l.trimEnd());
}

/** Type a command line as a person would, ending with Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
