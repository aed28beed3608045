#!/usr/bin/env node
// The layering rules of design.md, checked mechanically:
//  - core/ imports nothing outside core/ (no packages either) and touches no DOM or Node globals,
//    nor the real clock or randomness (worlds are deterministic);
//  - renderer/ never imports electron/, cli/ or host/services/ (Node code);
//  - electron/ never imports renderer/.
// Prints each violation as file:line and exits 1 if there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The tree to check: the repository, or a folder given as the first argument (the checker's own tests).
const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|js|mjs|svelte)$/.test(name)) yield path;
  }
}

const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const coreForbidden = [
  [/\b(document|window|localStorage|sessionStorage|navigator)\s*\./, 'DOM global'],
  [/\bprocess\s*\.\s*(env|argv|exit|stdout|stderr|cwd|platform)\b/, 'Node global'],
  [/\brequire\s*\(/, 'require()'],
  [/\bBuffer\s*\./, 'Node Buffer'],
  [/\b(setTimeout|setInterval|setImmediate)\s*\(/, 'real timer (use the simulated clock)'],
  [/\bDate\s*\.\s*now\s*\(|\bnew\s+Date\s*\(\s*\)/, 'real clock (use the simulated clock)'],
  [/\bMath\s*\.\s*random\s*\(/, 'Math.random (worlds are deterministic)'],
  [/\bperformance\s*\.\s*now\s*\(/, 'real clock'],
];

const violations = [];
const lineOf = (text, index) => text.slice(0, index).split('\n').length;
const inside = (path, dir) => (relative(join(root, dir), path).split(sep)[0] !== '..');

for (const layer of ['core', 'renderer', 'electron']) {
  for (const file of sourceFiles(join(root, layer))) {
    const isTest = /\.test\.(ts|mts)$/.test(file);
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    for (const m of text.matchAll(importPattern)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const line = lineOf(text, m.index);
      const target = spec.startsWith('.') ? resolve(dirname(file), spec) : undefined;
      if (layer === 'core' && !isTest) {
        if (!target) violations.push(`${rel}:${line}: core/ imports the package '${spec}'`);
        else if (!inside(target, 'core')) violations.push(`${rel}:${line}: core/ imports '${spec}' from outside core/`);
      }
      if (layer === 'renderer' && target) {
        for (const banned of ['electron', 'cli', join('host', 'services')])
          if (inside(target, banned)) violations.push(`${rel}:${line}: renderer/ imports '${spec}' from ${banned}/`);
      }
      if (layer === 'electron' && target && inside(target, 'renderer'))
        violations.push(`${rel}:${line}: electron/ imports '${spec}' from renderer/`);
    }
    if (layer === 'core' && !isTest) {
      // Comments and the contents of string literals are text, not code ("Invalid window." is a message).
      const code = text
        .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
        .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.|\$(?!\{))*`/g, (q) => q[0] + q.slice(1, -1).replace(/[^\n]/g, ' ') + q[q.length - 1])
        .replace(/\/\/.*$/gm, '');
      code.split('\n').forEach((lineText, i) => {
        for (const [pattern, what] of coreForbidden)
          if (pattern.test(lineText)) violations.push(`${rel}:${i + 1}: core/ uses a ${what}: ${lineText.trim()}`);
      });
    }
  }
}

if (violations.length) {
  console.error(`Import rules broken (${violations.length}):\n` + violations.map((v) => '  ' + v).join('\n'));
  process.exit(1);
}
console.log('Import rules hold: core/ is self-contained and pure; renderer/ and electron/ stay apart.');
