/**
 * GNU getopt_long as glibc 2.3 (2004–2006) did it: clustered short options, attached or separate
 * arguments, `--` ending options, permutation of operands (unless POSIXLY_CORRECT or a leading
 * '+'), unambiguous prefixes of long options, and the era's error wording with `backtick' quotes.
 */

export type ArgKind = 'none' | 'required' | 'optional';

export interface OptionDef {
  /** The key the caller switches on; defaults to the short letter or the long name. */
  key?: string;
  short?: string;
  long?: string;
  arg?: ArgKind;
}

export interface ParsedOption {
  key: string;
  /** The argument, when the option takes one (undefined for an absent optional argument). */
  value: string | undefined;
  /** How the user spelled it (`-k`, `--key`), for the tool's own complaints about the value. */
  spelled: string;
}

export interface ParseResult {
  options: ParsedOption[];
  operands: string[];
}

/** A usage error: the message is the getopt line without the program name. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParseSettings {
  /** Stop at the first operand (POSIX order); GNU tools permute by default. */
  posixOrder?: boolean;
  /**
   * Called for an argument starting with '-' before it is parsed: return true to take it as an
   * operand (head -5, grep -3 style digit options are handled by the tool this way).
   */
  special?: (arg: string) => boolean;
}

const keyOf = (d: OptionDef): string => d.key ?? d.short ?? d.long ?? '?';

/** glibc's long-option lookup: an exact name wins, else a unique prefix (entries with one key count once). */
function findLong(defs: readonly OptionDef[], name: string): OptionDef | 'ambiguous' | undefined {
  const exact = defs.find((d) => d.long === name);
  if (exact) return exact;
  const matches = defs.filter((d) => d.long !== undefined && d.long.startsWith(name));
  if (matches.length === 0) return undefined;
  const first = matches[0]!;
  const same = matches.every((m) => keyOf(m) === keyOf(first) && (m.arg ?? 'none') === (first.arg ?? 'none'));
  return same ? first : 'ambiguous';
}

export function getopt(args: readonly string[], defs: readonly OptionDef[], settings: ParseSettings = {}): ParseResult {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  let i = 0;
  while (i < args.length) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-') || settings.special?.(arg)) {
      if (settings.posixOrder) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(arg);
      i++;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const found = findLong(defs, name);
      if (found === 'ambiguous') throw new UsageError(`option \`${arg}' is ambiguous`);
      if (!found) throw new UsageError(`unrecognized option \`${arg}'`);
      const kind = found.arg ?? 'none';
      const spelled = `--${found.long}`;
      if (eq >= 0) {
        if (kind === 'none') throw new UsageError(`option \`${spelled}' doesn't allow an argument`);
        options.push({ key: keyOf(found), value: arg.slice(eq + 1), spelled });
        i++;
      } else if (kind === 'required') {
        if (i + 1 >= args.length) throw new UsageError(`option \`${arg}' requires an argument`);
        options.push({ key: keyOf(found), value: args[i + 1], spelled });
        i += 2;
      } else {
        options.push({ key: keyOf(found), value: undefined, spelled });
        i++;
      }
      continue;
    }
    // A cluster of short options: -rn, -k2, -k 2.
    i++;
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      const def = defs.find((d) => d.short === c);
      if (!def) throw new UsageError(`invalid option -- ${c}`);
      const kind = def.arg ?? 'none';
      const rest = arg.slice(j + 1);
      if (kind === 'none') {
        options.push({ key: keyOf(def), value: undefined, spelled: `-${c}` });
        continue;
      }
      if (rest !== '') options.push({ key: keyOf(def), value: rest, spelled: `-${c}` });
      else if (kind === 'optional') options.push({ key: keyOf(def), value: undefined, spelled: `-${c}` });
      else {
        if (i >= args.length) throw new UsageError(`option requires an argument -- ${c}`);
        options.push({ key: keyOf(def), value: args[i], spelled: `-${c}` });
        i++;
      }
      break;
    }
  }
  return { options, operands };
}

/** The two options every GNU tool of the era accepts. */
export const HELP_VERSION: readonly OptionDef[] = [
  { long: 'help', key: 'help' },
  { long: 'version', key: 'version' },
];
