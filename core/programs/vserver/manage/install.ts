/**
 * Where the package-based build methods (apt-rpm, yum, rpm, debootstrap without a debootstrap
 * program) get a distribution installed into a new guest. The default writes the built-in
 * minimal system (guest-files.ts); the distributions' installer plugs in with
 * `setDistributionInstaller` and then prints what apt-get, yum or debootstrap print.
 */
import type { Process } from '../../../kernel/process.js';
import { DISTRIBUTIONS, minimalGuestLayout } from './guest-files.js';
import { writeLayout } from './tree.js';

export interface InstallRequest {
  /** The build method asking: 'apt-rpm', 'yum', 'rpm', 'debootstrap'. */
  method: string;
  /** `-d` of the method. */
  distribution: string;
  /** The guest root on the host (/vservers/NAME). */
  root: string;
  /** The guest's configuration directory (/etc/vservers/NAME). */
  confdir: string;
  /** External package-management data (/vservers/.pkg/NAME) of the rpm methods; undefined when internal. */
  pkgdir: string | undefined;
  /** The package set: what a build installs. */
  set: 'base';
  /** Method arguments left after its options: yum's extra packages, debootstrap's options. */
  extra: string[];
  /** debootstrap's `-m` mirror. */
  mirror: string | undefined;
}

/** Install and say so on the process's stdout/stderr; the exit status of the installation. */
export type DistributionInstaller = (proc: Process, request: InstallRequest) => Promise<number>;

/** The built-in installer: the minimal system of the distribution, silently. */
export const installMinimalDistribution: DistributionInstaller = async (proc, request) => {
  const layout = minimalGuestLayout(request.distribution);
  if (!layout) {
    await proc.err(`E: Unknown distribution '${request.distribution}'\n`);
    return 1;
  }
  await writeLayout(proc, request.root, layout);
  return 0;
};

let installer: DistributionInstaller = (proc, request) => installDistributionPackagesLazy(proc, request);

/** The RPM distributions' packages (rpm-distribution.ts), loaded on first use to keep start-up light. */
async function installDistributionPackagesLazy(proc: Process, request: InstallRequest): Promise<number> {
  const { installDistributionPackages } = await import('./rpm-distribution.js');
  return installDistributionPackages(proc, request);
}

/** Plug in the real installer (the distributions' package sets and their tools' output). */
export function setDistributionInstaller(next: DistributionInstaller): void {
  installer = next;
}

export function installDistribution(proc: Process, request: InstallRequest): Promise<number> {
  return installer(proc, request);
}

/** Is a distribution known to the build methods (util-vserver's distributions directory)? */
export function isKnownDistribution(name: string): boolean {
  return Object.hasOwn(DISTRIBUTIONS, name);
}

export { DISTRIBUTIONS };
