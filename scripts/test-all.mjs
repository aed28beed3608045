#!/usr/bin/env node
// `npm test`: every check the project has, in order, ending with one plain summary line
// ("N passed, N failed, N skipped") that CI reads. Each step's own output is shown as it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'out', 'test-results');
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  (${title}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return r.status === 0;
}

/** A step that is one check: it passes or fails as a whole. */
function check(title, command, args) {
  if (run(title, command, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(title);
  }
}

/** A vitest run whose individual tests are counted from its JSON report. */
function vitest(title, args) {
  const report = join(resultsDir, `${title.replace(/\W+/g, '-')}.json`);
  rmSync(report, { force: true });
  const ok = run(title, bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (!existsSync(report)) {
    totals.failed++;
    failures.push(`${title} (no report)`);
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTests > 0 || !ok) failures.push(title);
  if (!ok && r.numFailedTests === 0) totals.failed++; // e.g. a suite that failed to load
}

check('type checks (core, node, renderer)', 'npm', ['run', '--silent', 'typecheck']);
check('import rules', process.execPath, [join(root, 'scripts', 'check-imports.mjs')]);
vitest('unit and integration tests', []);
check('build (renderer and Electron main/preload)', 'npm', ['run', '--silent', 'build']);
if (process.env.VLAB_SKIP_E2E === '1') {
  console.log('\n▶ end-to-end tests skipped: VLAB_SKIP_E2E=1');
} else if (!existsSync(process.env.VLAB_CHROMIUM ?? '/usr/bin/chromium')) {
  console.log('\n▶ end-to-end tests need Chromium at /usr/bin/chromium (Debian: apt-get install -y chromium; or set VLAB_CHROMIUM).');
  totals.failed++;
  failures.push('end-to-end tests (no Chromium)');
} else {
  vitest('end-to-end tests in Chromium', ['--config', 'test/e2e/vitest.config.ts']);
}
if (existsSync(join(root, 'cli', 'commands', 'lab.ts'))) {
  check('labs: validation and solvability proof (vlab lab check)', process.execPath, [join(root, 'cli', 'bin', 'vlab.mjs'), 'lab', 'check']);
}

console.log(failures.length ? `\nFailed: ${failures.join('; ')}` : '\nEverything passed.');
console.log(`${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : ''));
process.exit(totals.failed > 0 ? 1 : 0);
