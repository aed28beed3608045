/**
 * The real desktop app, driven by Playwright. Runs only where ELECTRON_OVERRIDE_DIST_PATH points
 * to an Electron distribution (the binary cannot be downloaded on the offline machines); skips
 * itself, saying why, everywhere else.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../cli/renderer-build.js';
import { findElectronBinary, repoRoot } from './electron-binary.js';

const found = findElectronBinary();

if ('reason' in found) {
  describe('Electron smoke test', () => {
    it.skip(`skipped: ${found.reason}`, () => {});
  });
} else {
  describe('Electron smoke test', () => {
    let app: ElectronApplication;
    let page: Page;
    let dataDir: string;

    beforeAll(async () => {
      await ensureRendererBuilt(repoRoot, () => {});
      const { build } = await import('electron-vite');
      await build({ configFile: path.join(repoRoot, 'build', 'electron.vite.config.ts'), logLevel: 'warn', ignoreConfigWarning: true });
      dataDir = await mkdtemp(path.join(tmpdir(), 'vlab-electron-'));
      // Chromium refuses its sandbox as root (containers, CI); the renderer stays context-isolated.
      const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
      // Loaded here, not at the top: a skipped run should not pay for Playwright.
      const { _electron } = await import('playwright-core');
      app = await _electron.launch({
        executablePath: found.executable,
        args: [...rootArgs, repoRoot],
        env: { ...process.env, VLAB_DATA_DIR: dataDir, ELECTRON_RUN_AS_NODE: '' },
      });
      page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('loads the renderer from app://vlab/', () => {
      expect(page.url()).toMatch(/^app:\/\/vlab\//);
    });

    it('exposes exactly window.vlabHost, and no Node', async () => {
      const shape = await page.evaluate(() => {
        const g = globalThis as Record<string, unknown>;
        return {
          keys: Object.keys((g.vlabHost ?? {}) as object).sort(),
          require: typeof g.require,
          process: typeof g.process,
        };
      });
      expect(shape).toEqual({ keys: ['info', 'listLabs', 'loadProgress', 'saveProgress'], require: 'undefined', process: 'undefined' });
    });

    it('answers the Host calls over IPC', async () => {
      const result = await page.evaluate(async () => {
        const host = (globalThis as unknown as { vlabHost: import('../../host/contract.js').Host }).vlabHost;
        const info = await host.info();
        await host.saveProgress({ schemaVersion: 1, labs: {} , preferences: { locale: 'fr' } });
        const loaded = await host.loadProgress();
        let refused = '';
        try {
          await host.saveProgress({ schemaVersion: 99 } as never);
        } catch (error) {
          refused = String(error);
        }
        return { info, loaded, refused, labs: Array.isArray(await host.listLabs()) };
      });
      expect(result.info.kind).toBe('electron');
      expect(result.loaded.progress.preferences).toEqual({ locale: 'fr' });
      expect(result.refused).toContain('invalid progress');
      expect(result.labs).toBe(true);
    });

    it('opens no new window for window.open', async () => {
      await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://evil.example/'));
      await new Promise((r) => setTimeout(r, 500));
      expect(app.windows()).toHaveLength(1);
    });
  });
}
