/** The visible screen (rows × cols) of a terminal byte stream, rendered by xterm.js headless. */
import xtermHeadless from '@xterm/headless';

const { Terminal } = xtermHeadless;

export async function visibleScreen(output: string, cols = 80, rows = 24): Promise<string[]> {
  const term = new Terminal({ cols, rows, scrollback: 0, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  term.dispose();
  return lines;
}

/** The cursor position after the stream, 0-based. */
export async function cursorAt(output: string, cols = 80, rows = 24): Promise<{ row: number; col: number }> {
  const term = new Terminal({ cols, rows, scrollback: 0, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const b = term.buffer.active;
  const r = { row: b.cursorY, col: b.cursorX };
  term.dispose();
  return r;
}
