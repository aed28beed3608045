/** bash's history expansion for interactive lines: !!, !n, !-n, !prefix, !?text?, !$, !*, ^old^new. */

export type HistoryExpansion = { kind: 'unchanged' } | { kind: 'expanded'; line: string } | { kind: 'error'; message: string };

function lastWord(line: string): string {
  const words = line.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

export function expandHistory(line: string, history: readonly string[]): HistoryExpansion {
  if (!line.includes('!') && !line.startsWith('^')) return { kind: 'unchanged' };
  const previous = history[history.length - 1];
  if (line.startsWith('^')) {
    const m = /^\^([^^]*)\^([^^]*)\^?(.*)$/.exec(line);
    if (!m || previous === undefined) return { kind: 'error', message: `:s${line}: substitution failed` };
    if (!previous.includes(m[1]!)) return { kind: 'error', message: `:s^${m[1]}^${m[2]}: substitution failed` };
    return { kind: 'expanded', line: previous.replace(m[1]!, m[2]!) + m[3] };
  }
  let out = '';
  let changed = false;
  let inSingle = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" ) inSingle = !inSingle;
    if (c === '\\' && line[i + 1] === '!') {
      out += '\\!';
      i++;
      continue;
    }
    if (c !== '!' || inSingle) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    // "!" followed by space, =, ( or end is literal, as in bash.
    if (rest === '' || /^[\s=(]/.test(rest)) {
      out += c;
      continue;
    }
    let event: string | undefined;
    let consumed = 0;
    let m: RegExpExecArray | null;
    if (rest.startsWith('!')) {
      event = previous;
      consumed = 1;
    } else if (rest.startsWith('$')) {
      event = previous === undefined ? undefined : lastWord(previous);
      consumed = 1;
    } else if (rest.startsWith('*')) {
      event = previous === undefined ? undefined : previous.trim().split(/\s+/).slice(1).join(' ');
      consumed = 1;
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      event = n < 0 ? history[history.length + n] : history[n - 1];
      consumed = m[0].length;
    } else if ((m = /^\?([^?\n]*)\??/.exec(rest))) {
      const needle = m[1]!;
      event = [...history].reverse().find((h) => h.includes(needle));
      consumed = m[0].length;
    } else if ((m = /^[^\s;&|<>()'"`]+/.exec(rest))) {
      const prefix = m[0];
      event = [...history].reverse().find((h) => h.startsWith(prefix));
      consumed = prefix.length;
    }
    if (event === undefined) return { kind: 'error', message: `!${rest.slice(0, Math.max(consumed, 1)).split(/\s/)[0]}: event not found` };
    out += event;
    i += consumed;
    changed = true;
  }
  return changed ? { kind: 'expanded', line: out } : { kind: 'unchanged' };
}
