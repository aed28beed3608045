/**
 * useradd, userdel and groupadd — shadow-utils 4.0.3 as RHEL 4 configures it (login.defs:
 * UID_MIN/GID_MIN 500, a private group per user, CREATE_HOME yes, /etc/skel copied, a mail
 * spool). New accounts are locked (`!!`) until passwd sets a password — in this lab they still
 * accept `vlab` (see account-files.ts). Exit codes are shadow's (3 bad argument, 4 id in use,
 * 6 not found, 9 name in use, 10 group file, 12 home directory).
 */
import { SyscallError } from '../../../kernel/errno.js';
import { O_CREAT, O_EXCL, O_WRONLY } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { getopt, UsageError, type OptionDef } from '../../lib/getopt.js';
import { defineProgram } from '../../registry.js';
import { joinPath } from '../lib/frame.js';
import { daysSinceEpoch, readAccountFiles, type AccountFiles } from './account-files.js';

const MIN_ID = 500;
const MAX_ID = 60000;
const NAME_RE = /^[a-z_][a-z0-9_-]*\$?$/;

const USERADD_USAGE = `usage: useradd	[-u uid [-o]] [-g group] [-G group,...] 
		[-d home] [-s shell] [-c comment] [-m [-k template]]
		[-f inactive] [-e expire ] [-p passwd] [-M] [-n] [-r] name
       useradd	-D [-g group] [-b base] [-s shell]
		[-f inactive] [-e expire ]
`;

/** The lowest free id from 500 up (past the highest one in use, as shadow 4.0.3 picks it). */
function nextId(ids: number[], min = MIN_ID): number {
  const used = ids.filter((i) => i >= min && i < MAX_ID);
  return used.length ? Math.max(...used) + 1 : min;
}

async function writeAll(proc: Process, files: AccountFiles, which: (keyof AccountFiles)[]): Promise<void> {
  for (const k of which) if (files[k].exists) await files[k].write(proc);
}

/** cp -a of /etc/skel into a new home, owned by the new user. */
async function copySkeleton(proc: Process, from: string, to: string, uid: number, gid: number): Promise<void> {
  let names: string[];
  try {
    names = proc.fs.readdir(from).filter((n) => n !== '.' && n !== '..');
  } catch {
    return;
  }
  for (const n of names) {
    const src = joinPath(from, n);
    const dst = joinPath(to, n);
    const st = proc.fs.lstat(src);
    if (st.type === 'dir') {
      proc.fs.mkdir(dst, st.perm);
      await copySkeleton(proc, src, dst, uid, gid);
    } else if (st.type === 'symlink') proc.fs.symlink(proc.fs.readlink(src), dst);
    else if (st.type === 'file') {
      const fd = proc.open(dst, O_WRONLY | O_CREAT | O_EXCL, st.perm);
      await proc.write(fd, await proc.readFile(src));
      proc.close(fd);
    } else continue;
    proc.fs.chown(dst, uid, gid, true);
  }
}

defineProgram({
  name: 'useradd',
  options: ['-u', '-g', '-G', '-d', '-s', '-c', '-m', '-M', '-n', '-r', '-o'],
  main: async (proc) => {
    let parsed;
    try {
      const withValue: OptionDef[] = ['u', 'g', 'G', 'd', 's', 'c', 'k', 'f', 'e', 'p', 'b'].map((s) => ({ short: s, arg: 'required' }));
      const flags: OptionDef[] = ['m', 'M', 'n', 'r', 'o', 'D'].map((s) => ({ short: s }));
      parsed = getopt(proc.argv.slice(1), [...withValue, ...flags]);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await proc.err(`useradd: ${e.message}\n${USERADD_USAGE}`);
      return 2;
    }
    const val = (k: string) => parsed.options.filter((o) => o.key === k).pop()?.value;
    const has = (k: string) => parsed.options.some((o) => o.key === k);
    if (parsed.operands.length !== 1) {
      await proc.err(USERADD_USAGE);
      return 2;
    }
    const name = parsed.operands[0]!;
    if (!NAME_RE.test(name) || name.length > 32) {
      await proc.err(`useradd: invalid user name '${name}'\n`);
      return 3;
    }
    const files = await readAccountFiles(proc);
    if (files.passwd.find(name)) {
      await proc.err(`useradd: user ${name} exists\n`);
      return 9;
    }
    const uids = files.passwd.rows.map((r) => Number(r[2])).filter(Number.isFinite);
    let uid: number;
    const uidText = val('u');
    if (uidText !== undefined) {
      if (!/^\d+$/.test(uidText)) {
        await proc.err(`useradd: invalid numeric argument '${uidText}'\n`);
        return 3;
      }
      uid = Number(uidText);
      if (uids.includes(uid) && !has('o')) {
        await proc.err(`useradd: uid ${uid} is not unique\n`);
        return 4;
      }
    } else uid = has('r') ? nextId(uids.filter((u) => u < MIN_ID), 100) : nextId(uids);
    const groupRow = (spec: string) => files.group.rows.find((r) => r[0] === spec || (/^\d+$/.test(spec) && r[2] === spec));
    let gid: number;
    let privateGroup = false;
    const groupSpec = val('g');
    if (groupSpec !== undefined) {
      const g = groupRow(groupSpec);
      if (!g) {
        await proc.err(`useradd: unknown group ${groupSpec}\n`);
        return 6;
      }
      gid = Number(g[2]);
    } else if (has('n')) gid = 100;
    else {
      if (files.group.find(name)) {
        await proc.err(`useradd: group ${name} exists - if you want to add this user to that group, use -g.\n`);
        return 9;
      }
      const gids = files.group.rows.map((r) => Number(r[2])).filter(Number.isFinite);
      gid = gids.includes(uid) ? nextId(gids) : uid;
      privateGroup = true;
    }
    const extra = (val('G') ?? '').split(',').filter(Boolean);
    for (const g of extra) {
      if (!groupRow(g)) {
        await proc.err(`useradd: unknown group ${g}\n`);
        return 6;
      }
    }
    const home = val('d') ?? `/home/${name}`;
    const shell = val('s') ?? '/bin/bash';
    const today = String(daysSinceEpoch(proc.time()));
    files.passwd.rows.push([name, 'x', String(uid), String(gid), val('c') ?? '', home, shell]);
    files.shadow.rows.push([name, val('p') ?? '!!', today, '0', '99999', '7', '', '', '']);
    if (privateGroup) {
      files.group.rows.push([name, 'x', String(gid), '']);
      files.gshadow.rows.push([name, '!', '', '']);
    }
    for (const g of extra) {
      const row = groupRow(g)!;
      const members = (row[3] ?? '').split(',').filter(Boolean);
      if (!members.includes(name)) row[3] = [...members, name].join(',');
    }
    try {
      await writeAll(proc, files, ['passwd', 'shadow', 'group', 'gshadow']);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err('useradd: unable to lock password file\n');
      return 1;
    }
    // RHEL's login.defs has CREATE_HOME yes; -M says no, and system accounts get none.
    if (!has('M') && (has('m') || !has('r'))) {
      try {
        proc.fs.mkdir(home, 0o700);
        proc.fs.chown(home, uid, gid, true);
        await copySkeleton(proc, val('k') ?? '/etc/skel', home, uid, gid);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        if (e.code === 'EEXIST') await proc.err('useradd: warning: the home directory already exists.\nNot copying any file from skel directory into it.\n');
        else {
          await proc.err(`useradd: cannot create directory ${home}\n`);
          return 12;
        }
      }
    }
    try {
      const spool = `/var/spool/mail/${name}`;
      proc.close(proc.open(spool, O_WRONLY | O_CREAT | O_EXCL, 0o660));
      proc.fs.chown(spool, uid, 12, true);
    } catch {
      // no spool directory: nothing to create
    }
    return 0;
  },
});

defineProgram({
  name: 'userdel',
  options: ['-r', '-f'],
  main: async (proc) => {
    const args = proc.argv.slice(1);
    const remove = args.includes('-r');
    const names = args.filter((a) => !a.startsWith('-'));
    const bad = args.find((a) => a.startsWith('-') && a !== '-r' && a !== '-f');
    if (bad || names.length !== 1) {
      await proc.err('usage: userdel [-r] name\n');
      return 2;
    }
    const name = names[0]!;
    const files = await readAccountFiles(proc);
    const row = files.passwd.find(name);
    if (!row) {
      await proc.err(`userdel: user ${name} does not exist\n`);
      return 6;
    }
    const [, , , gidText, , home] = row;
    files.passwd.remove(name);
    files.shadow.remove(name);
    for (const g of files.group.rows) if (g[3]) g[3] = g[3].split(',').filter((m) => m !== name).join(',');
    // The user's private group goes too when nobody else is in it.
    const own = files.group.find(name);
    if (own && own[2] === gidText && !own[3] && !files.passwd.rows.some((r) => r[3] === gidText)) {
      files.group.remove(name);
      files.gshadow.remove(name);
    }
    try {
      await writeAll(proc, files, ['passwd', 'shadow', 'group', 'gshadow']);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err('userdel: unable to lock password file\n');
      return 1;
    }
    if (remove && home) {
      const removeTree = (path: string) => {
        const st = proc.fs.lstat(path);
        if (st.type === 'dir') {
          for (const n of proc.fs.readdir(path)) if (n !== '.' && n !== '..') removeTree(joinPath(path, n));
          proc.fs.rmdir(path);
        } else proc.fs.unlink(path);
      };
      try {
        removeTree(`/var/spool/mail/${name}`);
      } catch {
        // no mail spool
      }
      try {
        removeTree(home);
      } catch (e) {
        if (!(e instanceof SyscallError)) throw e;
        await proc.err(`userdel: error removing directory ${home}\n`);
        return 12;
      }
    }
    return 0;
  },
});

defineProgram({
  name: 'groupadd',
  options: ['-g', '-o', '-r', '-f'],
  main: async (proc) => {
    let parsed;
    try {
      parsed = getopt(proc.argv.slice(1), [{ short: 'g', arg: 'required' }, { short: 'o' }, { short: 'r' }, { short: 'f' }, { short: 'K', arg: 'required' }]);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      await proc.err(`groupadd: ${e.message}\nusage: groupadd [-g gid [-o]] [-r] [-f] group\n`);
      return 2;
    }
    const has = (k: string) => parsed.options.some((o) => o.key === k);
    if (parsed.operands.length !== 1) {
      await proc.err('usage: groupadd [-g gid [-o]] [-r] [-f] group\n');
      return 2;
    }
    const name = parsed.operands[0]!;
    if (!NAME_RE.test(name)) {
      await proc.err(`groupadd: ${name} is not a valid group name\n`);
      return 3;
    }
    const files = await readAccountFiles(proc);
    if (files.group.find(name)) {
      if (has('f')) return 0;
      await proc.err(`groupadd: group ${name} exists\n`);
      return 9;
    }
    const gids = files.group.rows.map((r) => Number(r[2])).filter(Number.isFinite);
    const gidText = parsed.options.find((o) => o.key === 'g')?.value;
    let gid: number;
    if (gidText !== undefined) {
      if (!/^\d+$/.test(gidText)) {
        await proc.err(`groupadd: invalid group ${gidText}\n`);
        return 3;
      }
      gid = Number(gidText);
      if (gids.includes(gid) && !has('o')) {
        await proc.err(`groupadd: gid ${gid} is not unique\n`);
        return 4;
      }
    } else gid = has('r') ? nextId(gids.filter((g) => g < MIN_ID), 100) : nextId(gids);
    files.group.rows.push([name, 'x', String(gid), '']);
    files.gshadow.rows.push([name, '!', '', '']);
    try {
      await writeAll(proc, files, ['group', 'gshadow']);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      await proc.err('groupadd: unable to lock group file\n');
      return 10;
    }
    return 0;
  },
});
