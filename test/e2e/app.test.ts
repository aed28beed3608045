/**
 * The renderer in browser mode, end to end: catalogue, sandbox terminal, tabs, language and
 * display preferences kept across a reload, the once-only notice, and readable worker failures.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { progressFile } from '../../host/services/data-dir.js';
import { launchChromium } from './support/browser.js';
import type { VlabWindow } from './support/page-types.js';
import {
  activeText,
  flushPreferences,
  labYaml,
  openPage,
  screenLines,
  screenshot,
  startVlab,
  terminals,
  typeLine,
  waitForLine,
  type OpenedPage,
  type VlabServer,
} from './support/vlab.js';

const LABS = [
  {
    folder: 'vserver-build',
    locales: ['fr', 'en'] as ('fr' | 'en')[],
    yaml: labYaml({
      id: 'vserver-build',
      chapter: 'vserver-setup',
      duration: 30,
      title: { fr: 'Construire un premier vserver', en: 'Build a first vserver' },
      summary: { fr: 'vserver build, puis vserver-stat.', en: 'vserver build, then vserver-stat.' },
    }),
  },
  {
    folder: 'server-sprawl',
    locales: ['fr'] as ('fr' | 'en')[],
    yaml: labYaml({
      id: 'server-sprawl',
      chapter: 'consolidation',
      duration: 15,
      title: { fr: 'Compter les serveurs' },
      summary: { fr: 'Un serveur par application : combien de machines ?' },
    }),
  },
  {
    folder: 'half-written',
    locales: ['en'] as ('fr' | 'en')[],
    yaml: 'schema_version: 1\nid: half-written\nchapter: nowhere\nduration: 20\ntitle:\n  en: Half written\nsummary:\n  en: x\n',
  },
];

let browser: Browser;
let server: VlabServer;
let opened: OpenedPage | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startVlab({ labs: LABS, systemLocale: 'en' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  const problems = opened?.problems ?? [];
  await opened?.context.close();
  opened = undefined;
  expect(problems, 'errors in the page').toEqual([]);
});

// On failure, keep a picture and the page's text for whoever reads the log (registered last: after-hooks
// run in reverse order, so this one sees the page before it is closed).
afterEach(async (context) => {
  const failed = context.task.result?.state === 'fail' || (context.task.result?.errors?.length ?? 0) > 0;
  if (failed && opened) {
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await screenshot(opened.page, `failure-${name}`).catch(() => {});
    const text = await opened.page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText).catch(() => '');
    console.error(`page text at failure:\n${text}\nproblems: ${JSON.stringify(opened.problems)}`);
  }
});

async function open(path = '', viewport?: { width: number; height: number }) {
  opened = await openPage(browser, server.url + path, { viewport });
  return opened.page;
}

describe('the home page', () => {
  it('lists the labs by chapter, marks broken ones, and offers the sandbox', async () => {
    const page = await open();
    await page.getByRole('heading', { name: 'Labs', exact: true }).waitFor();
    await expect(page.getByRole('link', { name: 'Open the sandbox' }).isVisible()).resolves.toBe(true);

    const chapters = await page.locator('.chapter h3').allInnerTexts();
    expect(chapters.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['1 Why consolidate?', '4 Linux-VServer – Setting up', 'Other labs']);

    const good = page.locator('a[data-lab="vserver-build"]');
    await expect(good.innerText()).resolves.toMatch(/Build a first vserver[\s\S]*vserver build, then vserver-stat\.[\s\S]*30 min/);
    // A French-only lab says so in the English UI.
    await expect(page.locator('a[data-lab="server-sprawl"]').innerText()).resolves.toContain('In French only');

    // Broken: visible with its errors, but not a link.
    const broken = page.locator('[data-lab="half-written"]');
    await expect(broken.evaluate((e) => (e as unknown as { tagName: string }).tagName)).resolves.toBe('ARTICLE');
    const brokenText = await broken.innerText();
    expect(brokenText).toContain('Unavailable');
    expect(brokenText).toMatch(/half-written\/lab\.yaml:\d+: chapter must be one of/);

    await screenshot(page, 'home-1280x800-en-light');
    await page.setViewportSize({ width: 1024, height: 700 });
    await screenshot(page, 'home-1024x700-en-light');
  });

  it('says so when there are no labs yet', async () => {
    opened = await openPage(browser, server.url, {
      beforeGoto: (p) => p.route('**/api/labs', (route) => route.fulfill({ json: [] })),
    });
    const page = opened.page;
    await page.getByRole('heading', { name: 'No labs yet' }).waitFor();
    await expect(page.getByRole('link', { name: 'Open the sandbox' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'home-empty');
  });

  it('opens a lab in a workspace with its title and an instructions slot', async () => {
    const page = await open();
    await page.locator('a[data-lab="vserver-build"]').click();
    await page.getByRole('heading', { name: 'Build a first vserver', level: 1 }).waitFor();
    await expect(page.getByText('The lab’s steps will appear here.').isVisible()).resolves.toBe(true);
    await waitForLine(page, '# ');
    await expect(page.title()).resolves.toBe('Build a first vserver – vlab');
    await page.getByRole('button', { name: 'Back to the labs' }).click();
    await page.getByRole('heading', { name: 'Labs', exact: true }).waitFor();
  });
});

describe('the sandbox', () => {
  it('runs a command typed in the terminal', async () => {
    const page = await open();
    await page.getByRole('link', { name: 'Open the sandbox' }).click();
    await waitForLine(page, '# ');
    // The terminal has the keyboard without a click.
    await typeLine(page, 'echo hello');
    await waitForLine(page, /^hello$/);
    const lines = await screenLines(page);
    expect(lines).toContain('hello');
    expect(lines.some((l) => l.endsWith('# echo hello'))).toBe(true);
    await screenshot(page, 'sandbox-1280x800');
  });

  it('keeps each tab’s screen, and focuses the terminal after a tab switch', async () => {
    const page = await open('?sandbox=1');
    await waitForLine(page, '# ');
    await typeLine(page, 'echo first tab');
    await waitForLine(page, /^first tab$/);

    await page.getByRole('button', { name: 'New terminal' }).click();
    await page.getByRole('tab', { name: /Terminal 2/ }).waitFor();
    await waitForLine(page, '# ');
    await typeLine(page, 'echo second tab');
    await waitForLine(page, /^second tab$/);
    expect(await activeText(page)).not.toContain('first tab');

    await page.getByRole('tab', { name: /Terminal 1/ }).click();
    const first = await activeText(page);
    expect(first).toContain('first tab');
    expect(first).not.toContain('second tab');

    // Focus is in the first terminal: typing without clicking lands there.
    const focusedPanel = await page.evaluate(() => {
      const w = globalThis as unknown as VlabWindow;
      return w.document.activeElement?.closest('[role="tabpanel"]')?.getAttribute('aria-labelledby') ?? null;
    });
    const firstTabId = await page.getByRole('tab', { name: /Terminal 1/ }).getAttribute('id');
    expect(focusedPanel).toBe(firstTabId);
    await typeLine(page, 'echo typed after switching');
    await waitForLine(page, /^typed after switching$/);

    // Both terminals kept a sensible size (a hidden terminal is never fitted down to nothing).
    const sizes = await page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.terminals().length);
    expect(sizes).toBe(2);
    const all = await terminals(page);
    expect(all.map((t) => [t.title, t.active])).toEqual([
      ['Terminal 1', true],
      ['Terminal 2', false],
    ]);
    await screenshot(page, 'sandbox-two-tabs');

    // From the keyboard: arrows move between tabs and keep the focus there; ArrowDown enters the terminal.
    await page.getByRole('tab', { name: /Terminal 1/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: /Terminal 2/ }).getAttribute('aria-selected')).resolves.toBe('true');
    const focusedRole = () =>
      page.evaluate(() => (globalThis as unknown as VlabWindow).document.activeElement?.getAttribute('role') ?? null);
    await expect(focusedRole()).resolves.toBe('tab');
    await page.keyboard.press('ArrowDown');
    await typeLine(page, 'echo via keyboard');
    await waitForLine(page, /^via keyboard$/);
    expect(await activeText(page)).toContain('second tab');
    await page.getByRole('tab', { name: /Terminal 1/ }).click();

    // Closing a tab leaves the other one working.
    await page.getByRole('button', { name: 'Close Terminal 1' }).click();
    await page.getByRole('tab', { name: /Terminal 1/ }).waitFor({ state: 'detached' });
    expect(await activeText(page)).toContain('second tab');
  });

  it('says when the shell exits, and starts a new session on Enter', async () => {
    const page = await open('#/sandbox');
    await waitForLine(page, '# ');
    await typeLine(page, 'exit');
    await waitForLine(page, 'Session ended (exit status 0). Press Enter to start a new one.');
    await page.getByRole('tab', { name: 'Terminal 1 (ended)' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: 'Terminal 1', exact: true }).waitFor();
    await page.waitForFunction(() => /# $/.test((globalThis as unknown as VlabWindow).__vlabTest.activeText()));
    await typeLine(page, 'echo back again');
    await waitForLine(page, /^back again$/);
  });

  it('refits a terminal that was hidden while the text size changed', async () => {
    const page = await open('#/sandbox');
    await waitForLine(page, '# ');
    await page.getByRole('button', { name: 'New terminal' }).click();
    await waitForLine(page, '# ');
    const before = await page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.cols);
    expect(before).toBeGreaterThan(40);
    // Terminal 1 is hidden while the font grows; showing it must give it the same, smaller, width.
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Larger text' }).click();
    await page.waitForFunction((b) => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.cols < b, before);
    const after = await page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.cols);
    await page.getByRole('tab', { name: /Terminal 1/ }).click();
    await page.waitForFunction((a) => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.cols === a, after);
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Smaller text' }).click();
    await flushPreferences(page);
  });

  it('finds text with Ctrl-Shift-F, and closes the find bar with Escape back to the terminal', async () => {
    const page = await open('#/sandbox');
    await waitForLine(page, '# ');
    await typeLine(page, 'echo needle one');
    await typeLine(page, 'echo needle two');
    await waitForLine(page, /^needle two$/);
    await page.keyboard.press('Control+Shift+F');
    const input = page.getByRole('searchbox', { name: 'Find in the terminal' });
    await input.waitFor();
    await page.keyboard.type('needle');
    await page.getByText(/^\d of 4$/).waitFor();
    await screenshot(page, 'sandbox-find');
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    await typeLine(page, 'echo still typing');
    await waitForLine(page, /^still typing$/);
  });

  it('copies and pastes with Ctrl-Shift-C / Ctrl-Shift-V and the context menu', async () => {
    const page = await open('#/sandbox');
    await waitForLine(page, '# ');
    await page.evaluate(() => (globalThis as unknown as VlabWindow).navigator.clipboard.writeText('echo from clipboard'));
    await page.keyboard.press('Control+Shift+V');
    // Reading the clipboard is asynchronous: wait for the pasted text before pressing Enter.
    await waitForLine(page, /# echo from clipboard$/);
    await page.keyboard.press('Enter');
    await waitForLine(page, /^from clipboard$/);

    await page.locator('.xterm-screen').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Terminal actions' }).waitFor();
    await screenshot(page, 'sandbox-context-menu');
    await page.getByRole('menuitem', { name: /Select all/ }).click();
    await page.keyboard.press('Control+Shift+C');
    await page.waitForFunction(async () =>
      (await (globalThis as unknown as VlabWindow).navigator.clipboard.readText()).includes('from clipboard'),
    );
  });

  it('resizes the instructions pane from the keyboard', async () => {
    const page = await open('#/sandbox');
    await waitForLine(page, '# ');
    const cols = () => page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.cols);
    const splitter = page.getByRole('separator', { name: 'Resize the instructions and terminals' });
    const start = Number(await splitter.getAttribute('aria-valuenow'));
    const colsBefore = await cols();
    await splitter.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(splitter.getAttribute('aria-valuenow')).resolves.toBe(String(start + 10));
    await page.waitForFunction((c) => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.cols < c, colsBefore);
    await page.getByRole('button', { name: 'Hide the instructions' }).click();
    await page.waitForFunction((c) => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.cols > c, colsBefore);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Show the instructions' }).click();
    await page.waitForTimeout(100);
    await screenshot(page, 'sandbox-1024x700');
  });

  it('shows a worker failure as one readable line in the terminal', async () => {
    opened = await openPage(browser, server.url + '#/sandbox', {
      beforeGoto: (p) =>
        p.route('**/assets/core.worker-*.js', (route) =>
          route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("simulated crash");' }),
        ),
    });
    const page = opened.page;
    await waitForLine(page, 'vlab: the emulated machine stopped unexpectedly');
    const text = await activeText(page);
    expect(text).not.toMatch(/undefined|\[object|at \S+:\d+:\d+/);
    // The page itself stays usable.
    await page.getByRole('button', { name: 'Back to the labs' }).click();
    await page.getByRole('heading', { name: 'Labs', exact: true }).waitFor();
    // The crash was reported on the console for developers; it is expected here.
    opened.problems.splice(0);
  });
});

describe('preferences', () => {
  it('switches to French, dark theme and a larger text, and keeps them after a reload', async () => {
    const fresh = await startVlab({ labs: LABS, systemLocale: 'en' });
    try {
      await checkPreferences(fresh);
    } finally {
      await fresh.close();
    }
  });
});

async function checkPreferences(server: VlabServer) {
  {
    opened = await openPage(browser, server.url);
    const page = opened.page;
    await page.getByRole('heading', { name: 'Labs', exact: true }).waitFor();
    await expect(page.evaluate(() => (globalThis as unknown as VlabWindow).document.documentElement.lang)).resolves.toBe('en');

    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Travaux pratiques' }).waitFor();
    await expect(page.getByRole('link', { name: 'Ouvrir le bac à sable' }).isVisible()).resolves.toBe(true);
    const chapters = await page.locator('.chapter h3').allInnerTexts();
    expect(chapters[0]).toContain('Pourquoi consolider\u00a0?');
    expect(await page.locator('[data-lab="half-written"]').innerText()).toContain('Indisponible');

    await page.getByRole('button', { name: 'Passer au thème sombre' }).click();
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Texte plus grand' }).click();
    await flushPreferences(page);

    const saved = JSON.parse(await readFile(progressFile(server.dataDir), 'utf8')) as { preferences?: unknown };
    expect(saved.preferences).toEqual({ locale: 'fr', theme: 'dark', fontSize: 20 });

    await page.reload();
    await page.getByRole('heading', { name: 'Travaux pratiques' }).waitFor();
    const doc = await page.evaluate(() => {
      const d = (globalThis as unknown as VlabWindow).document.documentElement;
      return { lang: d.lang, theme: d.dataset.theme, size: d.style.fontSize };
    });
    expect(doc).toEqual({ lang: 'fr', theme: 'dark', size: '20px' });
    await screenshot(page, 'home-1280x800-fr-dark-20px');

    await page.getByRole('link', { name: 'Ouvrir le bac à sable' }).click();
    await waitForLine(page, '# ');
    await expect(page.evaluate(() => (globalThis as unknown as VlabWindow).__vlabTest.activeTerminal()!.options.fontSize)).resolves.toBe(20);
    await typeLine(page, 'echo bonjour');
    await waitForLine(page, /^bonjour$/);
    await screenshot(page, 'sandbox-fr-dark-20px');

    expect(opened.problems).toEqual([]);
  }
}

describe('a notice from the host', () => {
  it('is shown once, in a banner that can be dismissed', async () => {
    const other = await startVlab({ progressText: '{"schemaVersion": 1, "labs": ', systemLocale: 'fr' });
    try {
      opened = await openPage(browser, other.url);
      const page = opened.page;
      const banner = page.getByRole('status').filter({ hasText: 'kept aside' });
      await banner.waitFor();
      // The system is French and nothing was chosen yet: the UI follows the system.
      await page.getByRole('heading', { name: 'Travaux pratiques' }).waitFor();
      await screenshot(page, 'home-notice-fr');
      await page.getByRole('button', { name: 'Fermer' }).click();
      await banner.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByRole('heading', { name: 'Travaux pratiques' }).waitFor();
      await expect(page.getByText('kept aside').count()).resolves.toBe(0);
      await opened.context.close();
      opened = undefined;
    } finally {
      await other.close();
    }
  });
});

describe('a busy world', () => {
  it('never freezes the page: a runaway loop can be interrupted, and other tabs keep working', async () => {
    const page = await open('#/sandbox');
    await waitForLine(page, '# ');
    await typeLine(page, 'while true; do :; done');
    await page.waitForTimeout(500);

    // The page answers and a second console on the same (busy) machine gets its prompt.
    const started = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - started).toBeLessThan(1000);
    await page.getByRole('button', { name: 'New terminal' }).click();
    await waitForLine(page, '# ');
    await typeLine(page, 'echo meanwhile');
    await waitForLine(page, /^meanwhile$/);

    await page.getByRole('tab', { name: /Terminal 1/ }).click();
    await page.keyboard.press('Control+C');
    await page.waitForFunction(() => {
      const lines = (globalThis as unknown as VlabWindow).__vlabTest.activeText().split('\n');
      const loop = lines.findIndex((l) => l.includes('while true; do :; done'));
      return loop >= 0 && lines.slice(loop).some((l, i) => i > 0 || l.endsWith('^C')) && /# $/.test(lines[lines.length - 1]!);
    });
  });

  it('keeps drawing while a program floods the terminal, and stops the flood on Ctrl-C', async () => {
    const page = await open('#/sandbox');
    await waitForLine(page, '# ');
    await typeLine(page, 'while true; do echo flood flood flood flood flood; done');
    await waitForLine(page, /^flood flood flood flood flood$/);
    await page.waitForTimeout(1000);
    // Frames keep coming while the output pours in (the worker holds back what the screen has not drawn).
    const frames = (await page.evaluate(
      `new Promise((done) => { let n = 0; const t0 = performance.now(); function tick() { n++; if (performance.now() - t0 < 1000) requestAnimationFrame(tick); else done(n); } requestAnimationFrame(tick); })`,
    )) as number;
    expect(frames).toBeGreaterThan(3);
    await screenshot(page, 'sandbox-flood');
    await page.keyboard.press('Control+C');
    // The flood stops: the screen settles.
    let previous = '';
    await expect
      .poll(
        async () => {
          const now = await activeText(page);
          const same = now === previous;
          previous = now;
          return same;
        },
        { interval: 500, timeout: 20_000 },
      )
      .toBe(true);
  });
});
