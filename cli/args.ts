/**
 * A small strict argument parser: every option must be declared, values are checked, and each
 * mistake gets one plain sentence. (node:util parseArgs has no value types, no `--no-x` flags
 * distinct from `x`, and English-only messages we do not control.)
 */

export type OptionKind = 'flag' | 'string' | 'port';

export interface OptionSpec {
  /** Long name without dashes, e.g. "port" or "no-open". */
  name: string;
  /** One-letter alias without the dash, e.g. "h". */
  short?: string;
  kind: OptionKind;
  /** Shown in the usage for options that take a value, e.g. "N" or "FILE". */
  valueName?: string;
  description: string;
}

export type OptionValues = Record<string, string | number | boolean>;

export type ParseResult =
  | { ok: true; options: OptionValues; positionals: string[] }
  | { ok: false; error: string };

export interface ParseSettings {
  /** How many positional arguments are accepted (default 0). */
  maxPositionals?: number;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], settings: ParseSettings = {}): ParseResult {
  const maxPositionals = settings.maxPositionals ?? 0;
  const options: OptionValues = {};
  const positionals: string[] = [];
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let spec: OptionSpec | undefined;
    let inlineValue: string | undefined;
    let shown: string;

    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) inlineValue = arg.slice(eq + 1);
      shown = `--${name}`;
      spec = byLong.get(name);
    } else if (arg.startsWith('-') && arg.length > 1) {
      shown = arg.slice(0, 2);
      spec = byShort.get(arg.slice(1, 2));
      if (arg.length > 2) {
        // `-p8080` style for a valued option; grouped flags (`-hV`) are not supported.
        if (spec?.kind === 'flag') spec = undefined;
        inlineValue = arg.slice(2);
      }
      if (!spec) shown = arg;
    } else {
      positionals.push(arg);
      continue;
    }

    if (!spec) return { ok: false, error: `unknown option '${shown}'` };
    if (spec.name in options) return { ok: false, error: `option '--${spec.name}' is given more than once` };

    if (spec.kind === 'flag') {
      if (inlineValue !== undefined) return { ok: false, error: `option '--${spec.name}' takes no value` };
      options[spec.name] = true;
      continue;
    }

    let value = inlineValue;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return { ok: false, error: `option '--${spec.name}' needs a value (${spec.valueName ?? 'VALUE'})` };
      value = next;
      i++;
    }
    if (spec.kind === 'port') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
        return { ok: false, error: `option '--${spec.name}' needs a port number from 0 to 65535, not '${value}'` };
      }
      options[spec.name] = Number(value);
    } else {
      if (value === '') return { ok: false, error: `option '--${spec.name}' needs a non-empty value` };
      options[spec.name] = value;
    }
  }

  if (positionals.length > maxPositionals) return { ok: false, error: `unexpected argument '${positionals[maxPositionals]}'` };
  return { ok: true, options, positionals };
}

/** Usage lines for a list of options, aligned. */
export function formatOptions(specs: readonly OptionSpec[], indent = '  '): string[] {
  const left = specs.map((s) => {
    const names = s.short ? `-${s.short}, --${s.name}` : `    --${s.name}`;
    return s.kind === 'flag' ? names : `${names} ${s.valueName ?? 'VALUE'}`;
  });
  const width = Math.max(0, ...left.map((l) => l.length)) + 2;
  return specs.map((s, i) => `${indent}${left[i]!.padEnd(width)}${s.description}`);
}
