/**
 * Symbolic and octal file modes as gnulib's modechange.c (coreutils 5.2.1) compiles and applies
 * them: "u+x,go-w", "a=rX", "g=u", "755", with the umask applied to clauses that name no user
 * class when the caller asks for it (chmod does; mkdir -m does not).
 */

export interface ModeChange {
  op: '=' | '+' | '-';
  /** Bits this change may touch. */
  affected: number;
  value: number;
  /** 'X': execute only for directories or files already executable by someone. */
  xIfAnyX: boolean;
  /** 'u', 'g', 'o' on the right: copy existing permissions. */
  copyExisting: boolean;
}

const ALLM = 0o7777;
const S_IRWXU = 0o700;
const S_IRWXG = 0o070;
const S_IRWXO = 0o007;

/**
 * Compile a mode string; undefined when invalid. `umask` is applied to the clauses without a
 * `who` when `maskOps` is true (chmod's behaviour).
 */
export function compileMode(text: string, umask: number, maskOps = true): ModeChange[] | undefined {
  if (/^[0-7]+$/.test(text)) {
    const v = parseInt(text, 8);
    if (v !== (v & ALLM)) return undefined;
    return [{ op: '=', affected: ALLM, value: v, xIfAnyX: false, copyExisting: false }];
  }
  if (text === '') return undefined;
  const out: ModeChange[] = [];
  let i = 0;
  for (;;) {
    let affected = 0;
    let whoSpecified = true;
    for (;;) {
      const c = text[i];
      if (c === 'u') affected |= 0o4000 | S_IRWXU;
      else if (c === 'g') affected |= 0o2000 | S_IRWXG;
      else if (c === 'o') affected |= 0o1000 | S_IRWXO;
      else if (c === 'a') affected |= ALLM;
      else break;
      i++;
    }
    if (affected === 0) {
      whoSpecified = false;
      affected = ALLM;
    }
    while (text[i] === '=' || text[i] === '+' || text[i] === '-') {
      const op = text[i] as '=' | '+' | '-';
      i++;
      let masked = affected;
      if (!whoSpecified && maskOps) {
        if (op === '=') out.push({ op: '=', affected: ALLM, value: 0, xIfAnyX: false, copyExisting: false });
        masked &= ~umask;
      }
      const change: ModeChange = { op, affected: masked, value: 0, xIfAnyX: false, copyExisting: false };
      out.push(change);
      for (;;) {
        const c = text[i];
        if (c === 'r') change.value |= 0o444 & masked;
        else if (c === 'w') change.value |= 0o222 & masked;
        else if (c === 'X') {
          change.xIfAnyX = true;
          change.value |= 0o111 & masked;
        } else if (c === 'x') change.value |= 0o111 & masked;
        else if (c === 's') change.value |= 0o6000 & masked;
        else if (c === 't') change.value |= 0o1000 & masked;
        else if (c === 'u' || c === 'g' || c === 'o') {
          if (change.value) return undefined;
          change.value = c === 'u' ? S_IRWXU : c === 'g' ? S_IRWXG : S_IRWXO;
          change.copyExisting = true;
        } else break;
        i++;
      }
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    break;
  }
  // A string that compiles to no change at all ("u") is invalid, as MODE_INVALID is a null list.
  return i === text.length && out.length > 0 ? out : undefined;
}

/** Apply compiled changes to a mode (permission bits only); `isDir` matters for 'X'. */
export function applyMode(old: number, isDir: boolean, changes: readonly ModeChange[]): number {
  let mode = old & ALLM;
  for (const ch of changes) {
    let value: number;
    if (ch.copyExisting) {
      value = mode & ch.value;
      if (ch.value & S_IRWXU) value |= (value & 0o400 ? 0o044 : 0) | (value & 0o200 ? 0o022 : 0) | (value & 0o100 ? 0o011 : 0);
      else if (ch.value & S_IRWXG) value |= (value & 0o040 ? 0o404 : 0) | (value & 0o020 ? 0o202 : 0) | (value & 0o010 ? 0o101 : 0);
      else value |= (value & 0o004 ? 0o440 : 0) | (value & 0o002 ? 0o220 : 0) | (value & 0o001 ? 0o110 : 0);
      value &= ch.affected;
    } else {
      value = ch.value;
      if (ch.xIfAnyX && !isDir && (mode & 0o111) === 0) value &= ~0o111;
    }
    if (ch.op === '=') mode = (mode & ~ch.affected) | value;
    else if (ch.op === '+') mode |= value;
    else mode &= ~value;
  }
  return mode;
}
