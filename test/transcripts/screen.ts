/** Render a terminal byte stream to the text a person sees, with the real xterm.js parser. */
import xtermHeadless from '@xterm/headless';

const { Terminal } = xtermHeadless;

export async function renderScreen(output: string, cols = 80): Promise<string> {
  const term = new Terminal({ cols, rows: 24, scrollback: 10_000, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(output, resolve));
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  term.dispose();
  return lines.join('\n') + '\n';
}
