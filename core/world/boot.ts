// TEMPORARY placeholder world: a line-echoing console so the plumbing (worker, CLI, tests) can be built.
// Replaced by the real kernel + shell (issue 3).
import type { ConsoleOptions, ConsoleSession, HostHooks, World } from '../api.js';

export const worldPresets = ['vserver-host'] as const;

export function bootWorld(preset = 'vserver-host', _hooks?: HostHooks): World {
  if (!(worldPresets as readonly string[]).includes(preset)) throw new Error(`unknown world preset: ${preset}`);
  let nextId = 1;
  return {
    info: { preset, machines: ['scivm-xm4'] },
    openConsole(options: ConsoleOptions): ConsoleSession {
      const outputs = new Set<(d: string) => void>();
      const exits = new Set<(s: number) => void>();
      let line = '';
      const emit = (d: string) => outputs.forEach((l) => l(d));
      const prompt = () => emit('root@scivm-xm4:~# ');
      void Promise.resolve().then(prompt);
      return {
        id: nextId++,
        host: options.host ?? 'scivm-xm4',
        input(data) {
          for (const ch of data) {
            if (ch === '\r' || ch === '\n') {
              emit('\r\n');
              const m = /^\s*echo\s+(.*)$/.exec(line);
              if (m) emit(m[1] + '\r\n');
              else if (line.trim()) emit(`bash: ${line.trim().split(/\s+/)[0]}: command not found\r\n`);
              line = '';
              prompt();
            } else if (ch === '\x7f') {
              if (line) { line = line.slice(0, -1); emit('\b \b'); }
            } else if (ch === '\x04' && !line) {
              exits.forEach((l) => l(0));
            } else if (ch >= ' ') {
              line += ch;
              emit(ch);
            }
          }
        },
        resize() {},
        onOutput(l) { outputs.add(l); return () => outputs.delete(l); },
        onExit(l) { exits.add(l); return () => exits.delete(l); },
        acknowledge() {},
        close() { outputs.clear(); exits.clear(); },
      };
    },
    advanceTime() {},
    async settle() {},
  };
}
