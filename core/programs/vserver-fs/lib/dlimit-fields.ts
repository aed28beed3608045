/**
 * vdlimit's `--set <limit>=<value>` fields (src/vdlimit.c): five 32-bit values that start as
 * CDLIM_KEEP ("leave as it is"); -1 is CDLIM_INFINITY. Values are kept as the unsigned 32-bit
 * numbers the C program holds, and converted for the kernel call at the end.
 */
import type { DiskLimit } from '../../../kernel/fs-calls.js';
import { strtol } from './strtol.js';

export const CDLIM_INFINITY = 0xffffffff;
export const CDLIM_KEEP = 0xfffffffe;

/** The fields in vdlimit's order, with the DiskLimit key each sets. */
export const DLIMIT_FIELDS = [
  ['space_used', 'spaceUsed'],
  ['space_total', 'spaceTotal'],
  ['inodes_used', 'inodesUsed'],
  ['inodes_total', 'inodesTotal'],
  ['reserved', 'reserved'],
] as const satisfies ReadonlyArray<readonly [string, keyof DiskLimit]>;

export type DlimitFieldName = (typeof DLIMIT_FIELDS)[number][0];
export type DlimitValues = Record<DlimitFieldName, number>;

export function keepAll(): DlimitValues {
  return { space_used: CDLIM_KEEP, space_total: CDLIM_KEEP, inodes_used: CDLIM_KEEP, inodes_total: CDLIM_KEEP, reserved: CDLIM_KEEP };
}

/**
 * setDLimitField(): store one `name=value`; the message (without the `vdlimit: ` prefix) when
 * the option is refused.
 */
export function setField(values: DlimitValues, option: string): string | undefined {
  const field = DLIMIT_FIELDS.find(([name]) => option.startsWith(`${name}=`))?.[0];
  if (field === undefined) return `unknown limit in '${option}'`;
  if (values[field] !== CDLIM_KEEP) return `value already set in '${option}'`;
  const text = option.slice(field.length + 1);
  const n = strtol(text);
  if (text === '' || n.end !== text.length) return `can not parse number in '${option}'`;
  values[field] = n.value >>> 0;
  return undefined;
}

/** isHigherLimit(): both given and the first larger (unsigned). */
export function isHigher(lhs: number, rhs: number): boolean {
  return lhs !== CDLIM_KEEP && rhs !== CDLIM_KEEP && lhs > rhs;
}

/** The kernel call's argument: the fields given, -1 for infinity. */
export function toDiskLimit(values: DlimitValues): Partial<DiskLimit> {
  const out: Partial<DiskLimit> = {};
  for (const [name, key] of DLIMIT_FIELDS) {
    const v = values[name];
    if (v !== CDLIM_KEEP) out[key] = v === CDLIM_INFINITY ? -1 : v;
  }
  return out;
}

/** writeInt(): a value printed as the C int it is stored in (so infinity shows as -1). */
export function asInt(value: number): string {
  return String(Math.floor(value) | 0);
}
