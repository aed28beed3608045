/** The version printed by `vlab --version` and reported by the hosts, read from package.json. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository (or unpacked app) root: two levels above this file. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let cached: string | undefined;

export function packageVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
