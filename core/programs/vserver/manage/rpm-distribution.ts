/**
 * Installing a simulated RPM distribution (RHEL 4, Fedora Core 4) into a guest root, for the
 * apt-rpm/yum/rpm build methods: the built-in minimal system first (init scripts, accounts),
 * then every file of the base set and of the lecture's server packages (sshd, Apache, PHP,
 * MySQL) with its size — large files take their blocks without their bytes being built, so `du`
 * shows the seed's ~300 MB — and the RPM database the guest's `rpm -qa` (and the host's vrpm)
 * read. Files go through the calling process's system calls: disk limits and tags apply.
 */
import { SyscallError } from '../../../kernel/errno.js';
import { O_CREAT, O_TRUNC, O_WRONLY } from '../../../kernel/file.js';
import type { Process } from '../../../kernel/process.js';
import { definePackage } from '../../../world/distributions/define.js';
import { RHEL4_DEFAULTS, rpmDatabaseText } from '../../../world/distributions/rhel4.js';
import { RPM_BASE, RPM_SERVER_EXTRA, rpmPackageDefs, type RpmFlavor } from '../../../world/distributions/rpm-packages.js';
import type { Package } from '../../../world/distributions/types.js';
import { programImageHeader } from '../../registry.js';
import { installMinimalDistribution, type DistributionInstaller } from './install.js';

const cache = new Map<RpmFlavor, Package[]>();

/** The packages a build installs, dependencies of the lists included as the lists name them. */
function packagesOf(flavor: RpmFlavor): Package[] {
  let list = cache.get(flavor);
  if (!list) {
    const defs = new Map(rpmPackageDefs(flavor).map((d) => [d.name, d]));
    list = [...RPM_BASE, ...RPM_SERVER_EXTRA].flatMap((name) => {
      const def = defs.get(name);
      return def ? [definePackage(def, RHEL4_DEFAULTS)] : [];
    });
    cache.set(flavor, list);
  }
  return list;
}

function exists(proc: Process, path: string): boolean {
  try {
    proc.fs.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof SyscallError) return false;
    throw e;
  }
}

function mkdirs(proc: Process, path: string, made: Set<string>): void {
  if (made.has(path) || path === '' || path === '/') return;
  const parent = path.slice(0, path.lastIndexOf('/'));
  mkdirs(proc, parent, made);
  if (!exists(proc, path)) proc.fs.mkdir(path, 0o755);
  made.add(path);
}

async function writeFile(proc: Process, path: string, perm: number, head: string, size: number): Promise<void> {
  const fd = proc.open(path, O_WRONLY | O_CREAT | O_TRUNC, perm);
  try {
    if (head) await proc.write(fd, head);
    const rest = size - head.length;
    if (rest > 0) await proc.writeZeros(fd, rest);
  } finally {
    proc.close(fd);
  }
  proc.fs.chmod(path, perm);
}

/** Install a flavour's packages under `root`; files the minimal system wrote are kept. */
export async function installRpmPackages(proc: Process, root: string, flavor: RpmFlavor, installTime: number): Promise<void> {
  const made = new Set<string>();
  const packages = packagesOf(flavor);
  for (const p of packages) {
    for (const f of p.files) {
      const path = `${root}${f.path}`;
      mkdirs(proc, path.slice(0, path.lastIndexOf('/')), made);
      if (f.type === 'dir') {
        mkdirs(proc, path, made);
        continue;
      }
      if (exists(proc, path)) continue;
      if (f.type === 'symlink') proc.fs.symlink(f.target ?? '', path);
      else if (f.content !== undefined) await writeFile(proc, path, f.perm, f.content, f.content.length);
      else await writeFile(proc, path, f.perm, f.program ? programImageHeader(f.program) : '', f.size);
      if (f.uid || f.gid) proc.fs.chown(path, f.uid ?? 0, f.gid ?? 0, true);
    }
    await proc.checkpoint();
  }
  mkdirs(proc, `${root}/var/lib/rpm`, made);
  await writeFile(proc, `${root}/var/lib/rpm/Packages`, 0o644, rpmDatabaseText(packages, installTime), 0);
}

/** The build methods' installer: RPM distributions get their packages, others the minimal system. */
export const installDistributionPackages: DistributionInstaller = async (proc, request) => {
  const status = await installMinimalDistribution(proc, request);
  if (status !== 0) return status;
  const flavor: RpmFlavor | undefined = request.distribution === 'rhel4' || request.distribution === 'centos4' ? 'rhel4' : request.distribution === 'fc4' ? 'fc4' : undefined;
  if (!flavor) return 0;
  await installRpmPackages(proc, request.root, flavor, proc.time());
  return 0;
};
