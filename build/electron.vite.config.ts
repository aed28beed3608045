/**
 * electron-vite builds only the main process and the preload; the renderer has its own Vite
 * config (renderer/vite.config.ts → out/renderer), shared with browser mode.
 *
 *   npx electron-vite build --config build/electron.vite.config.ts
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';

const fromRoot = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      emptyOutDir: true,
      // package.json says "type": "module" and "main": "out/main/index.js".
      lib: { entry: fromRoot('electron/main/index.ts'), formats: ['es'], fileName: () => 'index.js' },
      // The installer ships out/** but no node_modules: bundle everything (yaml included).
      externalizeDeps: false,
      sourcemap: true,
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      emptyOutDir: true,
      // A sandboxed preload cannot be an ES module: CommonJS, one self-contained file.
      lib: { entry: fromRoot('electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      externalizeDeps: false,
      sourcemap: true,
    },
  },
});
