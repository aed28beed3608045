/** mkdir and rmdir (coreutils 5.2.1), with make_path() as gnulib's makepath.c does it (also used by cp --parents, install). */
import type { Process } from '../../kernel/process.js';
import type { Tool } from '../lib/tool.js';
import { HELP } from './lib/help.js';
import { isErr, q, why } from './lib/format.js';
import { applyMode, compileMode } from './lib/modes.js';
import { defineTool, setUmask, umaskOf } from './lib/program.js';

/**
 * make_dir(): mkdir, and when that fails, succeed quietly if a directory is already there.
 * Returns 'created', 'exists' or 'failed' (after its diagnostic).
 */
export async function makeDir(tool: Tool, dir: string, shown: string, mode: number): Promise<'created' | 'exists' | 'failed'> {
  const fs = tool.proc.fs;
  try {
    fs.mkdir(dir, mode);
    return 'created';
  } catch (e) {
    const reason = why(e);
    let st;
    try {
      st = fs.stat(dir);
    } catch {
      await tool.warn(`cannot create directory ${q(shown)}: ${reason}`);
      return 'failed';
    }
    if (st.type !== 'dir') {
      await tool.warn(`${q(shown)} exists but is not a directory`);
      return 'failed';
    }
    return 'exists';
  }
}

export interface MakePathOptions {
  mode: number;
  parentMode: number;
  owner?: number;
  group?: number;
  /** Leave an existing final directory's mode and owner alone. */
  preserveExisting: boolean;
  /** Message for each directory made ("created directory %s"), printed as a diagnostic. */
  verbose?: (quoted: string) => string;
}

/** make_path(): mkdir -p. Returns true on success. */
export async function makePath(tool: Tool, argpath: string, o: MakePathOptions): Promise<boolean> {
  const proc = tool.proc;
  const fs = proc.fs;
  let st;
  try {
    st = fs.stat(argpath);
  } catch {
    st = undefined;
  }
  if (st) {
    if (st.type !== 'dir') {
      await tool.warn(`${q(argpath)} exists but is not a directory`);
      return false;
    }
    if (!o.preserveExisting) {
      try {
        if (o.owner !== undefined || o.group !== undefined) fs.chown(argpath, o.owner ?? -1, o.group ?? -1);
      } catch (e) {
        await tool.warn(`cannot change owner and/or group of ${q(argpath)}: ${why(e)}`);
        return false;
      }
      try {
        fs.chmod(argpath, o.mode);
      } catch (e) {
        await tool.warn(`cannot change permissions of ${q(argpath)}: ${why(e)}`);
        return false;
      }
    }
    return true;
  }
  const dirpath = argpath.replace(/(.)\/+$/, '$1');
  const reProtect = (o.parentMode & 0o300) !== 0o300 || ((o.owner !== undefined || o.group !== undefined) && (o.parentMode & 0o7000) !== 0);
  const tmpMode = reProtect ? 0o700 : o.parentMode;
  const leading: string[] = [];
  const oldMask = setUmask(proc, 0);
  let ok = true;
  try {
    let at = 0;
    while (dirpath[at] === '/') at++;
    for (;;) {
      const slash = dirpath.indexOf('/', at);
      if (slash < 0) break;
      const prefix = dirpath.slice(0, slash);
      const r = await makeDir(tool, prefix, prefix, tmpMode);
      if (r === 'failed') return false;
      if (r === 'created') {
        if (o.verbose) await tool.warn(o.verbose(q(prefix)));
        if (o.owner !== undefined || o.group !== undefined) {
          try {
            fs.chown(prefix, o.owner ?? -1, o.group ?? -1);
          } catch (e) {
            await tool.warn(`cannot change owner and/or group of ${q(prefix)}: ${why(e)}`);
            return false;
          }
        }
        if (reProtect) leading.unshift(prefix);
      }
      at = slash + 1;
      while (dirpath[at] === '/') at++;
    }
  } finally {
    setUmask(proc, oldMask);
  }
  // The last component is made with the caller's umask in force again.
  if ((await makeDir(tool, dirpath, dirpath, o.mode)) === 'failed') return false;
  if (o.verbose) await tool.warn(o.verbose(q(dirpath)));
  if (o.owner !== undefined || o.group !== undefined) {
    try {
      fs.chown(dirpath, o.owner ?? -1, o.group ?? -1);
    } catch (e) {
      await tool.warn(`cannot change owner and/or group of ${q(dirpath)}: ${why(e)}`);
      ok = false;
    }
  }
  if (o.mode & ~0o777) {
    try {
      fs.chmod(dirpath, o.mode);
    } catch (e) {
      await tool.warn(`cannot change permissions of ${q(dirpath)}: ${why(e)}`);
      ok = false;
    }
  }
  for (const d of leading) {
    try {
      fs.chmod(d, o.parentMode);
    } catch (e) {
      await tool.warn(`cannot change permissions of ${q(d)}: ${why(e)}`);
      ok = false;
    }
  }
  return ok;
}

defineTool(
  {
    name: 'mkdir',
    suite: 'coreutils',
    help: HELP.mkdir,
    authors: 'David MacKenzie',
    options: [
      { short: 'm', long: 'mode', arg: 'required' },
      { short: 'p', long: 'parents' },
      { short: 'v', long: 'verbose' },
    ],
  },
  async (tool, { options, operands }) => {
    const proc: Process = tool.proc;
    let mode: string | undefined;
    let parents = false;
    let verbose = false;
    for (const o of options) {
      if (o.key === 'm') mode = o.value;
      else if (o.key === 'p') parents = true;
      else if (o.key === 'v') verbose = true;
    }
    if (operands.length === 0) return tool.usageError('too few arguments');
    const umask = umaskOf(proc);
    let newMode = 0o777;
    const parentMode = (newMode & ~umask) | 0o300;
    if (mode !== undefined) {
      const changes = compileMode(mode, umask, false);
      newMode &= ~umask;
      if (!changes) return tool.fatal(`invalid mode ${q(mode)}`);
      newMode = applyMode(newMode, true, changes);
    }
    const verboseFmt = verbose ? (name: string) => `created directory ${name}` : undefined;
    let errors = false;
    for (const dir of operands) {
      if (parents) {
        if (!(await makePath(tool, dir, { mode: newMode, parentMode, preserveExisting: true, verbose: verboseFmt }))) errors = true;
        continue;
      }
      const r = await makeDir(tool, dir, dir, newMode);
      if (r === 'failed') {
        errors = true;
        continue;
      }
      if (r === 'exists') {
        await tool.warn(`cannot create directory ${q(dir)}: File exists`);
        errors = true;
        continue;
      }
      if (verboseFmt) await tool.warn(verboseFmt(q(dir)));
      if (mode !== undefined) {
        try {
          proc.fs.chmod(dir, newMode);
        } catch (e) {
          await tool.warn(`cannot set permissions of directory ${q(dir)}: ${why(e)}`);
          errors = true;
        }
      }
    }
    return errors ? 1 : 0;
  },
);

defineTool(
  {
    name: 'rmdir',
    suite: 'coreutils',
    help: HELP.rmdir,
    authors: 'David MacKenzie',
    options: [
      { long: 'ignore-fail-on-non-empty', key: 'ignore' },
      { short: 'p', long: 'parents' },
      { short: 'v', long: 'verbose' },
    ],
  },
  async (tool, { options, operands }) => {
    const fs = tool.proc.fs;
    const has = (k: string) => options.some((o) => o.key === k);
    const parents = has('p');
    const ignore = has('ignore');
    const verbose = has('v');
    if (operands.length === 0) return tool.usageError('too few arguments');
    const nonEmpty = (e: unknown) => isErr(e, 'ENOTEMPTY', 'EEXIST');
    let errors = false;
    for (const dir of operands) {
      if (verbose) await tool.warn(`removing directory, ${dir}`);
      try {
        fs.rmdir(dir);
      } catch (e) {
        if (ignore && nonEmpty(e)) continue;
        await tool.warn(`${q(dir)}: ${why(e)}`);
        errors = true;
        continue;
      }
      if (!parents) continue;
      // remove_parents(): strip the last component and rmdir, up to the first failure.
      let path = dir.replace(/(.)\/+$/, '$1');
      for (;;) {
        let slash = path.lastIndexOf('/');
        if (slash < 0) break;
        while (slash > 0 && path[slash] === '/') slash--;
        path = path.slice(0, slash + 1);
        if (verbose) await tool.warn(`removing directory, ${path}`);
        try {
          fs.rmdir(path);
        } catch (e) {
          if (!(ignore && nonEmpty(e))) {
            await tool.warn(`${q(path)}: ${why(e)}`);
            errors = true;
          }
          break;
        }
      }
    }
    return errors ? 1 : 0;
  },
);
