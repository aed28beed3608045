/**
 * One readable line for anything thrown: never a stack trace, never "undefined" or "[object Object]".
 * Used for errors shown to people (terminal lines, banners).
 */
export function describeError(error: unknown, fallback = 'unknown error'): string {
  let text: string | undefined;
  if (error instanceof Error) text = error.message || (error.name !== 'Error' ? error.name : '');
  else if (typeof error === 'string') text = error;
  else if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') text = String(error);
  else if (typeof error === 'object' && error !== null) {
    const m = (error as { message?: unknown }).message;
    if (typeof m === 'string') text = m;
    else {
      try {
        const json = JSON.stringify(error);
        text = json && json !== '{}' && json !== '[]' ? json : undefined;
      } catch {
        text = undefined;
      }
    }
  }
  // First line only, trimmed and bounded: a message is a sentence, not a dump.
  const line = (text ?? '').split(/\r?\n/)[0]!.trim();
  if (!line) return fallback;
  return line.length > 300 ? line.slice(0, 299) + '…' : line;
}
