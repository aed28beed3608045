/**
 * vprocunhide — util-vserver's script that makes the /proc entries a guest needs visible
 * (reference §5.2). It reads `/etc/vservers/.defaults/apps/vprocunhide/files`, else the shipped
 * list, and for each line runs `setattr -x <options> <paths>`: no prefix unhides, `-` keeps an
 * entry hidden from guests, a trailing `/` recurses. It prints nothing itself; exit 0 when every
 * setattr succeeded, 2 when some failed, 3 when all failed, 1 without a list.
 *
 * Written as a program rather than a bash script so that it can also run at boot without a
 * process of its own (see vprocunhideAtBoot). setattr runs in-process for each line; its error
 * lines are the real ones.
 */
import { SyscallError } from '../../kernel/errno.js';
import { O_CREAT, O_WRONLY } from '../../kernel/file.js';
import type { Process } from '../../kernel/process.js';
import { globExpand, type GlobFs } from '../../shell/pattern.js';
import { defineProgram } from '../registry.js';
import { PACKAGE_BUGREPORT, PACKAGE_STRING, PACKAGE_VERSION } from '../vserver/manage/paths.js';
import { listLines, parseUnhideLine } from './lib/unhide-list.js';
import { setattrMain } from './setattr.js';

/** The administrator's list, then the one util-vserver ships (the seed's /usr/local prefix). */
export const UNHIDE_FILES = ['/etc/vservers/.defaults/apps/vprocunhide/files', '/usr/local/lib/util-vserver/defaults/vprocunhide-files'];

/** Where the init script finds the program, and the lock file its `start` leaves. */
export const VPROCUNHIDE_PATH = '/usr/sbin/vprocunhide';
export const VPROCUNHIDE_LOCKFILE = '/var/lock/subsys/vprocunhide';

const HELP = `Usage: vprocunhide

Return values:
    0  ...  no errors
    1  ...  configuration error
    2  ...  some files were changed but errors occured on other ones
    3  ...  operation failed on every file

Report bugs to <${PACKAGE_BUGREPORT}>.
`;

const VERSION = `vprocunhide ${PACKAGE_VERSION} -- unhides /proc entries
This program is part of ${PACKAGE_STRING}

Copyright (C) 2004 Enrico Scholz
This program is free software; you may redistribute it under the terms of
the GNU General Public License.  This program has absolutely no warranty.
`;

/** Pathname expansion over the caller's view of the filesystem, as bash does for `set -- $filename`. */
function globFs(proc: Process): GlobFs {
  return {
    readdir(path) {
      try {
        return proc.fs.readdir(path).filter((n) => n !== '.' && n !== '..');
      } catch (e) {
        if (e instanceof SyscallError) return null;
        throw e;
      }
    },
    isDirectory(path) {
      try {
        return proc.fs.stat(path).type === 'dir';
      } catch (e) {
        if (e instanceof SyscallError) return false;
        throw e;
      }
    },
  };
}

function exists(proc: Process, path: string): boolean {
  try {
    proc.fs.stat(path);
    return true;
  } catch (e) {
    if (e instanceof SyscallError) return false;
    throw e;
  }
}

/** The list file findFile picks: the first that is a regular file. */
function findList(proc: Process): string | undefined {
  return UNHIDE_FILES.find((path) => {
    try {
      return proc.fs.stat(path).type === 'file';
    } catch (e) {
      if (e instanceof SyscallError) return false;
      throw e;
    }
  });
}

/** The work of the script after its option loop: apply the list, return its exit status. */
export async function applyUnhideList(proc: Process): Promise<number> {
  const list = findList(proc);
  if (list === undefined) {
    await proc.err("Can not find file for 'UNHIDEFILE'; aborting\n");
    return 1;
  }
  let text: string;
  try {
    text = await proc.readFile(list);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    // `done <"$UNHIDEFILE"` (line 91 of the script) failing: bash reports it and the loop never runs.
    await proc.err(`${VPROCUNHIDE_PATH}: line 91: ${list}: ${e.message}\n`);
    return 0;
  }
  let ok = true;
  let passed = false;
  const fs = globFs(proc);
  for (const line of listLines(text)) {
    const request = parseUnhideLine(line);
    if (!request) continue;
    // `set -- $filename`: split on blanks, then pathname expansion of each word.
    const words = request.words.split(/[ \t\n]+/).filter(Boolean).flatMap((w) => globExpand(w, fs));
    if (words.length === 0 || !exists(proc, words[0]!)) continue;
    const status = await setattrMain(proc, ['/usr/sbin/setattr', '-x', ...request.params, ...words]);
    if (status === 0) passed = true;
    else ok = false;
  }
  return ok ? 0 : passed ? 2 : 3;
}

defineProgram({
  name: 'vprocunhide',
  options: ['--help', '--version'],
  async main(proc) {
    const first = proc.argv[1];
    // `while test -n "$1"; do case "$1" in --help) …;; --version) …;; esac; done` never shifts:
    // any other first argument spins there until the user interrupts it.
    if (first === '--help') {
      await proc.out(HELP);
      return 0;
    }
    if (first === '--version') {
      await proc.out(VERSION);
      return 0;
    }
    if (first !== undefined && first !== '') for (;;) await proc.checkpoint();
    return applyUnhideList(proc);
  },
});

/**
 * What the host's boot leaves behind: `/etc/init.d/vprocunhide start` ran — the list applied to
 * /proc and, when it succeeded (status 0 or 2), its lock file. Runs as the given process (pid 1)
 * without a process of its own, so the boot's pids stay those of a host without it.
 */
export async function vprocunhideAtBoot(init: Process): Promise<number> {
  const status = await applyUnhideList(init);
  if (status === 0 || status === 2) {
    try {
      init.close(init.open(VPROCUNHIDE_LOCKFILE, O_WRONLY | O_CREAT, 0o644));
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
    }
  }
  return status === 2 ? 0 : status;
}
