/**
 * A canonical, comparable description of a Vfs's whole state (tests, debugging, lab checks that
 * compare trees). Not a serialisation format: Inodes are named by filesystem index and number.
 */
import { extentBlocks } from './extents.js';
import type { Filesystem } from './filesystem.js';
import type { Inode } from './inode.js';
import type { Vfs } from './vfs.js';

export function dumpInode(inode: Inode): string {
  const s = inode.st;
  const entries = s.entries && s.dynPath === undefined ? [...s.entries].map(([n, c]) => `${n}=${c.ino}`).join(',') : '';
  return [
    inode.ino,
    s.mode.toString(8),
    s.uid,
    s.gid,
    s.nlink,
    s.size,
    s.atime,
    s.mtime,
    s.ctime,
    s.iattr.toString(16),
    s.xid ?? '-',
    s.program ?? '-',
    JSON.stringify(s.data),
    s.dataBytes,
    s.binary ? 'b' : 't',
    s.extents.join(':'),
    s.blocks,
    `${s.rdevMajor}:${s.rdevMinor}`,
    s.parent?.ino ?? '-',
    JSON.stringify(s.name),
    s.dirBytes,
    s.image ? 'img' : '-',
    `[${entries}]`,
  ].join(' ');
}

export function dumpFilesystem(fs: Filesystem): string {
  const lines = [
    `${fs.type} ${fs.device} ro=${fs.readOnly} used=${fs.usedBlocks}/${fs.totalBlocks} inodes=${fs.usedInodes}/${fs.totalInodes} next=${fs.nextIno} free=${fs.freeInos.join(',')}`,
    `usage ${[...fs.xidUsage].sort((a, b) => a[0] - b[0]).map(([x, u]) => `${x}:${u.blocks}/${u.inodes}`).join(' ')}`,
    `dlimits ${[...fs.dlimits].sort((a, b) => a[0] - b[0]).map(([x, d]) => `${x}:${JSON.stringify(d)}`).join(' ')}`,
    `dynattrs ${[...fs.dynAttrs].sort().map(([p, a]) => `${p}=${a}`).join(' ')}`,
  ];
  for (const inode of fs.inodes()) lines.push(dumpInode(inode));
  return lines.join('\n');
}

export function dumpVfs(vfs: Vfs): string {
  const fsIndex = new Map(vfs.allFilesystems.map((fs, i) => [fs, i]));
  const out: string[] = [];
  vfs.allFilesystems.forEach((fs, i) => out.push(`== fs ${i}`, dumpFilesystem(fs)));
  for (const ns of vfs.allNamespaces) {
    out.push(`== ns ${ns.id}`);
    for (const m of ns.mounts)
      out.push(
        `mount ${m.id} fs=${fsIndex.get(m.fs)} root=${m.root.ino} parent=${m.parent?.id ?? '-'} on=${m.mountpoint?.ino ?? '-'} ${m.device} ${JSON.stringify(m.flags)} ${m.options.join(',')}`,
      );
  }
  return out.join('\n');
}

/** Check the accounting invariants of a filesystem; returns a list of violations (empty when sound). */
export function checkInvariants(fs: Filesystem): string[] {
  const errors: string[] = [];
  if (fs.kind === 'dynamic') return errors;
  const refs = new Map<Inode, number>();
  const subdirs = new Map<Inode, number>();
  let blocks = 0;
  let count = 0;
  const usage = new Map<number, { blocks: number; inodes: number }>();
  for (const inode of fs.inodes()) {
    count++;
    blocks += inode.st.blocks;
    if (inode.isRegular && extentBlocks(inode.st.extents) !== inode.st.blocks) errors.push(`ino ${inode.ino}: blocks ${inode.st.blocks} != extents ${extentBlocks(inode.st.extents)}`);
    if (inode.st.dataBytes > inode.st.size && inode.isRegular) errors.push(`ino ${inode.ino}: data longer than size`);
    if (fs.tagging) {
      const t = inode.st.xid ?? 0;
      const u = usage.get(t) ?? { blocks: 0, inodes: 0 };
      u.blocks += inode.st.blocks;
      u.inodes++;
      usage.set(t, u);
    }
    for (const [, child] of inode.st.entries ?? []) {
      refs.set(child, (refs.get(child) ?? 0) + 1);
      if (child.isDir) subdirs.set(inode, (subdirs.get(inode) ?? 0) + 1);
      if (!fs.isLive(child)) errors.push(`ino ${inode.ino}: entry to a released inode ${child.ino}`);
    }
  }
  for (const inode of fs.inodes()) {
    if (inode.isDir) {
      const want = 2 + (subdirs.get(inode) ?? 0);
      if (inode.nlink !== want) errors.push(`dir ino ${inode.ino}: nlink ${inode.nlink} != ${want}`);
      const seen = new Set<Inode>();
      for (let d: Inode = inode; ; ) {
        if (seen.has(d)) {
          errors.push(`dir ino ${inode.ino}: ancestor cycle`);
          break;
        }
        seen.add(d);
        const p = d.st.parent;
        if (!p || p === d) {
          if (d !== fs.root) errors.push(`dir ino ${inode.ino}: does not reach the root`);
          break;
        }
        if (p.st.entries?.get(d.st.name) !== d) errors.push(`dir ino ${d.ino}: not in its parent as ${d.st.name}`);
        d = p;
      }
    } else if (inode.nlink !== (refs.get(inode) ?? 0)) errors.push(`ino ${inode.ino}: nlink ${inode.nlink} != ${refs.get(inode) ?? 0} entries`);
    if (inode !== fs.root && !refs.has(inode)) errors.push(`ino ${inode.ino}: live but unreachable`);
  }
  if (fs.usedBlocks !== fs.baseUsedBlocks + blocks) errors.push(`usedBlocks ${fs.usedBlocks} != base ${fs.baseUsedBlocks} + ${blocks}`);
  if (fs.usedInodes !== fs.baseUsedInodes + count) errors.push(`usedInodes ${fs.usedInodes} != ${fs.baseUsedInodes} + ${count}`);
  if (fs.usedBlocks > fs.totalBlocks) errors.push('usedBlocks above capacity');
  if (fs.usedInodes > fs.totalInodes) errors.push('usedInodes above capacity');
  if (fs.tagging) {
    for (const x of new Set([...usage.keys(), ...fs.xidUsage.keys()])) {
      const a = usage.get(x) ?? { blocks: 0, inodes: 0 };
      const b = fs.usageOf(x);
      if (a.blocks !== b.blocks || a.inodes !== b.inodes) errors.push(`xid ${x}: usage ${JSON.stringify(b)} != ${JSON.stringify(a)}`);
    }
  }
  return errors;
}
