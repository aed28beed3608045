// The import-rule checker must pass on the repository and catch each kind of violation.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const checker = join(__dirname, '..', '..', 'scripts', 'check-imports.mjs');
const run = (root?: string) => spawnSync(process.execPath, root ? [checker, root] : [checker], { encoding: 'utf8' });

let tree: string | undefined;
function fixture(files: Record<string, string>): string {
  tree = mkdtempSync(join(tmpdir(), 'vlab-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  return tree;
}
afterEach(() => tree && rmSync(tree, { recursive: true, force: true }));

describe('import rules', () => {
  it('hold on the repository', () => {
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    ['core importing the renderer', { 'core/a.ts': "import { x } from '../renderer/b.js';\n", 'renderer/b.ts': 'export const x = 1;\n' }, 'from outside core/'],
    ['core importing a package', { 'core/a.ts': "import { readFileSync } from 'node:fs';\n" }, "imports the package 'node:fs'"],
    ['core touching the DOM', { 'core/a.ts': 'export const w = document.title;\n' }, 'DOM global'],
    ['core reading the real clock', { 'core/a.ts': 'export const t = Date.now();\n' }, 'real clock'],
    ['core using Math.random', { 'core/a.ts': 'export const r = Math.random();\n' }, 'Math.random'],
    ['renderer importing electron', { 'renderer/a.ts': "import '../electron/main.js';\n", 'electron/main.ts': '' }, 'renderer/ imports'],
    ['renderer importing Node services', { 'renderer/a.ts': "import { s } from '../host/services/x.js';\n" }, 'from host/services'],
    ['electron importing the renderer', { 'electron/a.ts': "export * from '../renderer/b.js';\n" }, 'electron/ imports'],
  ])('catch %s', (_what, files, message) => {
    const r = run(fixture(files as Record<string, string>));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
  });

  it('allow what the rules allow (core inside core, renderer importing core, comments)', () => {
    const r = run(
      fixture({
        'core/a.ts': "import { b } from './b.js';\n// Date.now() is not used here\nexport const a = b;\nexport const m = 'Invalid window.';\nexport const t = `main editor window.`;\n",
        'core/b.ts': 'export const b = 1;\n',
        'core/a.test.ts': "import { describe } from 'vitest';\n",
        'renderer/r.ts': "import { a } from '../core/a.js';\nexport const r = a + window.innerWidth;\n",
      }),
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
