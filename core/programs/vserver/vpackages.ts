/**
 * vrpm, vapt-get and vyum — util-vserver 0.30 (reference §9.10, vsomething): run a guest's
 * package manager from the host on one or several guests at once:
 *
 *   # vrpm vs1 vs2 -- -q httpd
 *   vrpm: operating on vserver vs1
 *   httpd-2.0.52-22.ent
 *
 *   vrpm: operating on vserver vs2
 *   …
 * Guests are names, `ALL`/`--all` (every configured guest) or `--running`. Each runs
 * `vserver NAME exec TOOL PARAMS` (the guest's own tool, as for an internally managed guest);
 * with several guests each is introduced by a bold title line and followed by an empty line, and a
 * failure is reported as `TITLE failed on vserver 'NAME' with errorcode RC`.
 */
import { SyscallError } from '../../kernel/errno.js';
import type { Process } from '../../kernel/process.js';
import { defineProgram } from '../registry.js';
import { CONFIG_ROOT, runningXidOf } from './lib/names.js';
import { VSERVER_PATH } from './manage/paths.js';

async function allGuests(proc: Process, runningOnly: boolean): Promise<string[]> {
  let names: string[] = [];
  try {
    names = proc.fs.readdir(CONFIG_ROOT).filter((n) => !n.startsWith('.') && proc.fs.stat(`${CONFIG_ROOT}/${n}`).type === 'dir');
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
  }
  names.sort();
  if (!runningOnly) return names;
  const out: string[] = [];
  for (const n of names) if ((await runningXidOf(proc, n)) !== undefined) out.push(n);
  return out;
}

/**
 * A guest that manages its packages itself (apps/pkgmgmt/internal) runs its own tool inside;
 * otherwise the host's rpm works on the guest's root (`rpm --root VDIR`), running or not.
 */
async function runFor(proc: Process, guest: string, tool: string, params: string[]): Promise<number> {
  const conf = `${CONFIG_ROOT}/${guest}`;
  let vdir = `/vservers/${guest}`;
  try {
    vdir = proc.fs.realpath(`${conf}/vdir`);
  } catch {
    /* the default root */
  }
  const exists = (path: string) => {
    try {
      proc.fs.stat(path);
      return true;
    } catch {
      return false;
    }
  };
  const internal = exists(`${conf}/apps/pkgmgmt/internal`);
  if (!internal && tool === 'rpm' && exists(conf)) return proc.spawn('/bin/rpm', ['rpm', '--root', vdir, ...params], proc.env);
  return proc.spawn(VSERVER_PATH, ['vserver', guest, 'exec', tool, ...params], proc.env);
}

function packageFrontEnd(title: string, tool: string) {
  return async (proc: Process): Promise<number> => {
    const args = proc.argv.slice(1);
    const dash = args.indexOf('--');
    if (dash < 0 || dash === args.length - 1) {
      await proc.err(`Usage: ${title} <vserver-name>* [--all] -- <params>+\n`);
      return 255;
    }
    const selectors = args.slice(0, dash);
    const params = args.slice(dash + 1);
    const guests: string[] = [];
    for (const s of selectors) {
      if (s === '--all' || s === 'ALL') guests.push(...(await allGuests(proc, false)));
      else if (s === '--running') guests.push(...(await allGuests(proc, true)));
      else guests.push(s);
    }
    if (guests.length === 0) {
      await proc.err(`Usage: ${title} <vserver-name>* [--all] -- <params>+\n`);
      return 255;
    }
    const many = guests.length > 1;
    const bold = proc.isatty(1) ? ['\x1b[1m', '\x1b[0m'] : ['', ''];
    let worst = 0;
    for (const guest of guests) {
      if (many) await proc.out(`${bold[0]}${title}: operating on vserver ${guest}${bold[1]}\n`);
      const pid = await runFor(proc, guest, tool, params);
      const status = await proc.waitStatus(pid);
      const rc = status.kind === 'exited' ? status.code : 128 + (status.kind === 'signaled' ? status.signal : 0);
      if (rc !== 0) {
        if (many) await proc.err(`${title} failed on vserver '${guest}' with errorcode ${rc}\n`);
        worst = rc;
      }
      if (many) await proc.out('\n');
    }
    return worst;
  };
}

defineProgram({ name: 'vrpm', main: packageFrontEnd('vrpm', 'rpm') });
defineProgram({ name: 'vapt-get', main: packageFrontEnd('vapt-get', 'apt-get') });
defineProgram({ name: 'vyum', main: packageFrontEnd('vyum', 'yum') });
