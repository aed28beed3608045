/** chmod, chown and chgrp (coreutils 5.2.1), walking hierarchies as fts does for -R. */
import type { FileStat } from '../../kernel/fs-calls.js';
import type { Tool } from '../lib/tool.js';
import { HELP } from './lib/help.js';
import { joinPath, modeString, q, why } from './lib/format.js';
import { applyMode, compileMode, type ModeChange } from './lib/modes.js';
import { defineTool, umaskOf } from './lib/program.js';
import { UserDb } from './lib/users.js';

/**
 * A pre-order walk like fts: `visit` sees each name with its stat (or the error); directories are
 * entered after their visit when `recurse` says so. Command-line symlinks are followed when
 * `followArgs` (FTS_COMFOLLOW); below the top, nothing is followed (FTS_PHYSICAL) unless `followAll`.
 */
export async function walk(
  tool: Tool,
  path: string,
  opts: { followArgs: boolean; followAll?: boolean; recurse: boolean },
  visit: (path: string, st: FileStat | undefined, err: unknown, top: boolean) => Promise<boolean>,
  top = true,
): Promise<boolean> {
  const fs = tool.proc.fs;
  let st: FileStat | undefined;
  let err: unknown;
  try {
    st = (top && opts.followArgs) || opts.followAll ? fs.stat(path) : fs.lstat(path);
  } catch (e) {
    err = e;
    // A dangling symlink on the command line: fts falls back to lstat.
    if (top && opts.followArgs) {
      try {
        st = fs.lstat(path);
        err = undefined;
      } catch {
        st = undefined;
      }
    }
  }
  let ok = await visit(path, st, err, top);
  await tool.proc.checkpoint();
  if (!st || st.type !== 'dir' || !opts.recurse) return ok;
  let names: string[];
  try {
    names = fs.readdir(path);
  } catch (e) {
    await tool.warn(`cannot read directory ${q(path)}: ${why(e)}`);
    return false;
  }
  for (const name of names) {
    if (name === '.' || name === '..') continue;
    if (!(await walk(tool, joinPath(path, name), opts, visit, false))) ok = false;
    await tool.out.tick();
  }
  return ok;
}

// ----- chmod ------------------------------------------------------------------------------------

/** An argument that chmod takes as a mode even though it starts with '-' (chmod -w file). */
function dashMode(arg: string): boolean {
  return /^-[rwxXstugoa,+=][rwxXstugoa,+=-]*$/.test(arg);
}

defineTool(
  {
    name: 'chmod',
    suite: 'coreutils',
    help: HELP.chmod,
    authors: 'David MacKenzie and Jim Meyering',
    options: [
      { short: 'c', long: 'changes' },
      { short: 'f', long: 'silent' },
      { long: 'quiet', key: 'f' },
      { short: 'v', long: 'verbose' },
      { short: 'R', long: 'recursive' },
      { long: 'reference', arg: 'required' },
      { long: 'no-preserve-root' },
      { long: 'preserve-root' },
    ],
    settings: { special: dashMode },
  },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    let recurse = false;
    let silent = false;
    let verbosity: 'off' | 'changes' | 'high' = 'off';
    let reference: string | undefined;
    let preserveRoot = false;
    for (const o of options) {
      if (o.key === 'R') recurse = true;
      else if (o.key === 'c') verbosity = 'changes';
      else if (o.key === 'v') verbosity = 'high';
      else if (o.key === 'f') silent = true;
      else if (o.key === 'reference') reference = o.value;
      else if (o.key === 'preserve-root') preserveRoot = true;
      else if (o.key === 'no-preserve-root') preserveRoot = false;
    }
    let files = [...operands];
    let modeArg: string | undefined;
    if (reference === undefined) {
      const dashIdx = files.findIndex(dashMode);
      const idx = dashIdx >= 0 ? dashIdx : 0;
      modeArg = files[idx];
      files.splice(idx, 1);
      if (modeArg === undefined) return tool.usageError('too few arguments');
    }
    if (files.length === 0) return tool.usageError('too few arguments');
    let changes: ModeChange[] | undefined;
    if (reference !== undefined) {
      let st: FileStat;
      try {
        st = proc.fs.stat(reference);
      } catch (e) {
        return tool.fatal(`failed to get attributes of ${q(reference)}: ${why(e)}`);
      }
      changes = [{ op: '=', affected: 0o7777, value: st.perm, xIfAnyX: false, copyExisting: false }];
    } else {
      changes = compileMode(modeArg!, umaskOf(proc), true);
      if (!changes) return tool.fatal(`invalid mode string: ${q(modeArg!)}`);
    }
    const root = preserveRoot && recurse ? proc.fs.stat('/') : undefined;
    files = files.filter(() => true);
    let fail = false;
    for (const file of files) {
      const ok = await walk(tool, file, { followArgs: true, recurse }, async (path, st, err) => {
        if (!st) {
          await tool.warn(`cannot access ${q(path)}: ${why(err)}`);
          return false;
        }
        if (root && st.dev === root.dev && st.ino === root.ino) {
          await tool.warn(`it is dangerous to operate recursively on ${q('/')}`);
          await tool.warn('use --no-preserve-root to override this failsafe');
          return false;
        }
        if (st.type === 'symlink') return true;
        const newMode = applyMode(st.perm, st.type === 'dir', changes!);
        let failed: unknown;
        try {
          proc.fs.chmod(path, newMode);
        } catch (e) {
          failed = e;
        }
        const changed = () => {
          try {
            return (proc.fs.stat(path).perm & 0o7777) !== (st.perm & 0o7777);
          } catch {
            return false;
          }
        };
        if (verbosity === 'high' || (verbosity === 'changes' && !failed && changed())) {
          const perms = modeString(st.type, newMode).slice(1);
          const octal = (newMode & 0o7777).toString(8).padStart(4, '0');
          // 5.2.1 says "changed to" with -v even when the mode was already right.
          tool.out.put(failed ? `failed to change mode of ${q(path)} to ${octal} (${perms})\n` : `mode of ${q(path)} changed to ${octal} (${perms})\n`);
        }
        if (failed) {
          if (!silent) await tool.warn(`changing permissions of ${q(path)}: ${why(failed)}`);
          return false;
        }
        return true;
      });
      if (!ok) fail = true;
    }
    return fail ? 1 : 0;
  },
);

// ----- chown and chgrp --------------------------------------------------------------------------

interface ChownOptions {
  recurse: boolean;
  verbosity: 'off' | 'changes' | 'high';
  silent: boolean;
  /** Change what a symlink points to (the default), not the link (-h). */
  referent: boolean;
  userName: string | undefined;
  groupName: string | undefined;
  preserveRoot: boolean;
  follow: 'P' | 'H' | 'L';
}

async function chownFiles(tool: Tool, files: string[], uid: number, gid: number, fromUid: number, fromGid: number, o: ChownOptions): Promise<boolean> {
  const fs = tool.proc.fs;
  const root = o.preserveRoot && o.recurse ? fs.stat('/') : undefined;
  let ok = true;
  for (const file of files) {
    const r = await walk(tool, file, { followArgs: o.follow !== 'P', followAll: o.follow === 'L', recurse: o.recurse }, async (path, st, err, top) => {
      if (!st) {
        await tool.warn(`cannot access ${q(path)}: ${why(err)}`);
        return false;
      }
      if (root && st.dev === root.dev && st.ino === root.ino) {
        await tool.warn(`it is dangerous to operate recursively on ${q('/')}`);
        await tool.warn('use --no-preserve-root to override this failsafe');
        return false;
      }
      if ((fromUid !== -1 && st.uid !== fromUid) || (fromGid !== -1 && st.gid !== fromGid)) return true;
      // For a symlink followed by default, compare against what it points to.
      let target = st;
      if (st.type === 'symlink' && o.referent) {
        try {
          target = fs.stat(path);
        } catch {
          target = st;
        }
      }
      const newUid = uid === -1 ? target.uid : uid;
      const newGid = gid === -1 ? target.gid : gid;
      const spec = o.userName !== undefined ? (o.groupName !== undefined ? `${o.userName}:${o.groupName}` : o.userName) : (o.groupName ?? '');
      const isUser = uid !== -1;
      if (newUid === target.uid && newGid === target.gid) {
        if (o.verbosity === 'high') tool.out.put(`${isUser ? 'ownership' : 'group'} of ${q(path)} retained as ${spec}\n`);
        return true;
      }
      let failed: unknown;
      try {
        fs.chown(path, newUid, newGid, st.type === 'symlink' && !o.referent);
      } catch (e) {
        failed = e;
      }
      void top;
      if (o.verbosity === 'high' || (o.verbosity === 'changes' && !failed)) {
        tool.out.put(
          failed
            ? `failed to change ${isUser ? 'ownership' : 'group'} of ${q(path)} to ${spec}\n`
            : `changed ${isUser ? 'ownership' : 'group'} of ${q(path)} to ${spec}\n`,
        );
      }
      if (failed) {
        if (!o.silent) await tool.warn(`changing ${isUser ? 'ownership' : 'group'} of ${q(path)}: ${why(failed)}`);
        return false;
      }
      return true;
    });
    if (!r) ok = false;
  }
  return ok;
}

const CHOWN_OPTIONS = [
  { short: 'c', long: 'changes' },
  { long: 'dereference' },
  { short: 'h', long: 'no-dereference' },
  { long: 'from', arg: 'required' as const },
  { long: 'no-preserve-root' },
  { long: 'preserve-root' },
  { short: 'f', long: 'silent' },
  { long: 'quiet', key: 'f' },
  { long: 'reference', arg: 'required' as const },
  { short: 'R', long: 'recursive' },
  { short: 'v', long: 'verbose' },
  { short: 'H' },
  { short: 'L' },
  { short: 'P' },
];

function parseCommon(options: { key: string; value: string | undefined }[]): ChownOptions & { reference?: string; from?: string } {
  const o: ChownOptions & { reference?: string; from?: string } = {
    recurse: false, verbosity: 'off', silent: false, referent: true, userName: undefined, groupName: undefined, preserveRoot: false, follow: 'P',
  };
  for (const opt of options) {
    switch (opt.key) {
      case 'c':
        o.verbosity = 'changes';
        break;
      case 'v':
        o.verbosity = 'high';
        break;
      case 'f':
        o.silent = true;
        break;
      case 'R':
        o.recurse = true;
        break;
      case 'h':
        o.referent = false;
        break;
      case 'dereference':
        o.referent = true;
        break;
      case 'reference':
        o.reference = opt.value;
        break;
      case 'from':
        o.from = opt.value;
        break;
      case 'preserve-root':
        o.preserveRoot = true;
        break;
      case 'no-preserve-root':
        o.preserveRoot = false;
        break;
      case 'H':
      case 'L':
      case 'P':
        o.follow = opt.key;
        break;
    }
  }
  return o;
}

/** parse_user_spec(): "user", "user:group", "user:", ":group", "user.group"; an error message or the ids. */
export async function parseUserSpec(db: UserDb, spec: string): Promise<{ uid: number; gid: number; user?: string; group?: string } | string> {
  const attempt = async (sep: number): Promise<{ uid: number; gid: number; user?: string; group?: string } | string> => {
    const u = sep < 0 ? spec : spec.slice(0, sep);
    const g = sep < 0 || sep + 1 >= spec.length ? undefined : spec.slice(sep + 1);
    const user = u === '' ? undefined : u;
    if (user === undefined && g === undefined) return 'cannot omit both user and group';
    let uid = -1;
    let gid = -1;
    let groupName: string | undefined;
    if (user !== undefined) {
      const pw = await db.user(user);
      if (!pw) {
        if (!/^\d+$/.test(user)) return 'invalid user';
        if (sep >= 0 && g === undefined) return 'cannot get the login group of a numeric UID';
        uid = Number(user);
      } else {
        uid = pw.uid;
        if (g === undefined && sep >= 0) {
          gid = pw.gid;
          groupName = (await db.groupName(pw.gid)) ?? String(pw.gid);
        }
      }
    }
    if (g !== undefined) {
      const id = await db.gid(g);
      if (id === undefined) {
        if (!/^\d+$/.test(g)) return 'invalid group';
        gid = Number(g);
      } else gid = id;
      groupName = g;
    }
    return { uid, gid, user, group: groupName };
  };
  const colon = spec.indexOf(':');
  if (colon >= 0) return attempt(colon);
  const dot = spec.indexOf('.');
  const whole = await attempt(-1);
  if (typeof whole === 'string' && dot >= 0) return attempt(dot);
  return whole;
}

defineTool(
  { name: 'chown', suite: 'coreutils', help: HELP.chown, authors: 'David MacKenzie and Jim Meyering', options: CHOWN_OPTIONS },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const o = parseCommon(options);
    const db = new UserDb(proc);
    if (operands.length + (o.reference ? 1 : 0) <= 1) return tool.usageError('too few arguments');
    let uid = -1;
    let gid = -1;
    let files = operands;
    if (o.reference !== undefined) {
      let st: FileStat;
      try {
        st = proc.fs.stat(o.reference);
      } catch (e) {
        return tool.fatal(`failed to get attributes of ${q(o.reference)}: ${why(e)}`);
      }
      uid = st.uid;
      gid = st.gid;
      o.userName = (await db.userName(uid)) ?? String(uid);
      o.groupName = (await db.groupName(gid)) ?? String(gid);
    } else {
      const r = await parseUserSpec(db, operands[0]!);
      if (typeof r === 'string') return tool.fatal(`${q(operands[0]!)}: ${r}`);
      uid = r.uid;
      gid = r.gid;
      o.userName = r.user ?? '';
      o.groupName = r.group;
      files = operands.slice(1);
    }
    let fromUid = -1;
    let fromGid = -1;
    if (o.from !== undefined) {
      const r = await parseUserSpec(db, o.from);
      if (typeof r === 'string') return tool.fatal(`${q(o.from)}: ${r}`);
      fromUid = r.uid;
      fromGid = r.gid;
    }
    return (await chownFiles(tool, files, uid, gid, fromUid, fromGid, o)) ? 0 : 1;
  },
);

defineTool(
  { name: 'chgrp', suite: 'coreutils', help: HELP.chgrp, authors: 'David MacKenzie and Jim Meyering', options: CHOWN_OPTIONS.filter((d) => d.long !== 'from') },
  async (tool, { options, operands }) => {
    const proc = tool.proc;
    const o = parseCommon(options);
    const db = new UserDb(proc);
    if (operands.length + (o.reference ? 1 : 0) <= 1) return tool.usageError('too few arguments');
    let gid: number;
    let files = operands;
    if (o.reference !== undefined) {
      let st: FileStat;
      try {
        st = proc.fs.stat(o.reference);
      } catch (e) {
        return tool.fatal(`failed to get attributes of ${q(o.reference)}: ${why(e)}`);
      }
      gid = st.gid;
      o.groupName = (await db.groupName(gid)) ?? String(gid);
    } else {
      const name = operands[0]!;
      if (name === '') return tool.fatal('cannot change to null group');
      const id = await db.gid(name);
      if (id === undefined) {
        if (!/^\d/.test(name)) return tool.fatal(`invalid group name ${q(name)}`);
        if (!/^\d+$/.test(name)) return tool.fatal(`invalid group number ${q(name)}`);
        gid = Number(name);
      } else gid = id;
      o.groupName = name;
      files = operands.slice(1);
    }
    o.userName = undefined;
    return (await chownFiles(tool, files, -1, gid, -1, -1, o)) ? 0 : 1;
  },
);
