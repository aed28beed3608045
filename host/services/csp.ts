/**
 * The Content-Security-Policy of the renderer page, the same in Electron (app://) and in the
 * browser (http://127.0.0.1). Only the app's own files may run; nothing is fetched from elsewhere.
 *
 * - style-src allows inline styles: xterm.js and Svelte insert <style> elements at run time.
 * - worker-src allows blob: so the core's Web Worker may be built inline by Vite.
 * - 'wasm-unsafe-eval' lets WebAssembly compile without allowing eval() of JavaScript.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
