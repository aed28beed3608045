#!/usr/bin/env node
// `npm run bench [name…]`: runs test/bench/*.bench.ts and prints every figure beside its anchor
// (measured in the same run) with the ratio and the target. Speed targets live here, never in unit tests.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'test', 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
let missed = 0;
for (const file of files) {
  console.log(`\n${file.replace('.bench.ts', '')}`);
  let figures;
  try {
    const mod = await tsImport(pathToFileURL(join(benchDir, file)).href, import.meta.url);
    figures = await mod.run();
  } catch (e) {
    console.log(`  could not run: ${e instanceof Error ? e.message : String(e)}`);
    missed++;
    continue;
  }
  for (const f of figures) {
    let line = `  ${f.name.padEnd(48)} ${fmt(f.value).padStart(9)} ${f.unit}`;
    if (f.anchor) line += `   vs ${f.anchor.name} ${fmt(f.anchor.value)} ${f.unit} → ${fmt(f.value / f.anchor.value)}×`;
    if (f.target) line += `   target ${f.target}: ${f.met === undefined ? '—' : f.met ? 'met' : 'MISSED'}`;
    if (f.met === false) missed++;
    console.log(line);
  }
}
console.log(missed ? `\n${missed} target(s) missed.` : '\nAll targets met.');
