import { fileURLToPath } from 'node:url';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * main.ts loads the app (start.ts) with import() so that it can start the core's worker first.
 * Announce that chunk in index.html so the browser fetches and compiles it meanwhile, instead of
 * only once main.ts has run.
 */
function preloadStartChunk(): Plugin {
  return {
    name: 'vlab:preload-start-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const tags: HtmlTagDescriptor[] = [];
        for (const chunk of Object.values(ctx.bundle ?? {})) {
          if (chunk.type !== 'chunk' || !chunk.facadeModuleId?.endsWith('/src/start.ts')) continue;
          tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' });
          for (const css of chunk.viteMetadata?.importedCss ?? [])
            tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${css}` }, injectTo: 'head' });
        }
        return tags;
      },
    },
  };
}

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the same build is served over HTTP (`vlab serve`) and from Electron's app:// protocol.
  base: './',
  plugins: [svelte({ configFile: false }), preloadStartChunk()],
  // Keep Vite's cache out of node_modules/.vite so parallel colleagues' Vite runs do not collide.
  cacheDir: here('../node_modules/.vite/renderer'),
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // xterm.js is big; one chunk warning is noise here (offline app, loaded from disk).
    chunkSizeWarningLimit: 1500,
    // Timing reports about slow plugins are noise on a busy 2-core machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
  server: {
    // The renderer imports ../core and ../host/contract.ts.
    fs: { allow: [here('..')] },
  },
});
