/**
 * vps and vtop — util-vserver 0.30 (reference §9.2). vps runs `ps` with the same arguments from
 * the spectator context and inserts a 20-character CONTEXT column after PID (the xid in 5
 * columns, a space, the guest's name: MAIN for 0, ALL_PROC for 1); vtop is top from the spectator.
 *
 *   # vps ax
 *     PID CONTEXT             TTY      STAT   TIME COMMAND
 *     812    33 vs            ?        Ss     0:00 /sbin/syslogd
 */
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import { defineProgram } from '../../registry.js';
import { contextDisplayName } from '../lib/names.js';

const WIDTH = 20;

async function contextColumn(proc: Process, pid: number, names: Map<number, string>): Promise<string> {
  let xid: number;
  try {
    xid = proc.vx.xidOf(pid);
  } catch (e) {
    if (e instanceof SyscallError) return '  ERR '.padEnd(WIDTH);
    throw e;
  }
  if (!names.has(xid)) names.set(xid, xid === 0 ? 'MAIN' : xid === 1 ? 'ALL_PROC' : ((await contextDisplayName(proc, xid)) ?? ''));
  const field = `${String(xid).padStart(5)} ${names.get(xid)}`;
  return field.length >= WIDTH ? `${field} ` : field.padEnd(WIDTH);
}

/** Insert the CONTEXT column into ps's output. */
export async function addContextColumn(proc: Process, output: string): Promise<string | undefined> {
  const lines = output.split('\n');
  const header = lines[0] ?? '';
  const at = /(^|\s)PID(\s|$)/.exec(header);
  if (!at) return undefined;
  const end = at.index + at[1]!.length + 3;
  const names = new Map<number, string>();
  const out = [header.slice(0, end + 1) + 'CONTEXT'.padEnd(WIDTH) + header.slice(end + 1)];
  for (const line of lines.slice(1)) {
    if (line === '') {
      out.push(line);
      continue;
    }
    const pid = Number(line.slice(0, end).trim().split(/\s+/).pop());
    out.push(line.slice(0, end + 1) + (await contextColumn(proc, pid, names)) + line.slice(end + 1));
  }
  return out.join('\n');
}

/** Enter the spectator context (host root only), as `chcontext --ctx 1` does. */
function becomeSpectator(proc: Process): string | undefined {
  if (proc.vx.xid === 1) return undefined;
  try {
    proc.vx.newSContext(1, 0n, 0n);
    return undefined;
  } catch (e) {
    if (e instanceof SyscallError) return e.message;
    throw e;
  }
}

defineProgram({
  name: 'vps',
  async main(proc) {
    const failed = becomeSpectator(proc);
    if (failed) {
      await proc.err(`vcontext: vc_create_context(): ${failed}\n`);
      return 255;
    }
    const [r, w] = proc.pipe();
    const [er, ew] = proc.pipe();
    const pid = proc.spawn('/bin/ps', ['ps', ...proc.argv.slice(1)], proc.env, {
      fds: (child) => {
        child.dup2(w, 1);
        child.dup2(ew, 2);
        for (const fd of [r, w, er, ew]) child.close(fd);
      },
    });
    proc.close(w);
    proc.close(ew);
    const [output, errors] = await Promise.all([proc.readAll(r), proc.readAll(er)]);
    const status = await proc.waitStatus(pid);
    const code = status.kind === 'exited' ? status.code : 128 + (status.kind === 'signaled' ? status.signal : 0);
    if (errors) await proc.err(errors);
    if (output === '') return code;
    const withContext = await addContextColumn(proc, output);
    if (withContext === undefined) {
      await proc.err('Failed to parse ps-output\n');
      return 254;
    }
    await proc.out(withContext);
    return code;
  },
});

defineProgram({
  name: 'vtop',
  async main(proc) {
    const failed = becomeSpectator(proc);
    if (failed) {
      await proc.err(`vcontext: vc_create_context(): ${failed}\n`);
      return 255;
    }
    return proc.exec('/usr/bin/top', ['top', ...proc.argv.slice(1)], proc.env);
  },
});
