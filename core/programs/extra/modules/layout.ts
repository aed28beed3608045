/**
 * The files of the kernel's modules on the host: /lib/modules/RELEASE with one .ko per module
 * of core/kernel/modules.ts, modules.dep as depmod writes it (every dependency, transitively,
 * by full path), and RHEL 4's /etc/modprobe.conf naming the NIC and HBA drivers.
 */
import { KERNEL_MODULES, moduleImageHeader, type ModuleDef } from '../../../kernel/modules.js';
import type { FsLayout } from '../../../world/layout.js';

/** The dependencies of a module, nearest first, each once. */
function transitiveDeps(def: ModuleDef): ModuleDef[] {
  const out: ModuleDef[] = [];
  const visit = (d: ModuleDef) => {
    for (const name of d.deps) {
      const dep = KERNEL_MODULES.find((m) => m.name === name);
      if (dep && !out.includes(dep)) {
        out.push(dep);
        visit(dep);
      }
    }
  };
  visit(def);
  return out;
}

export function modulesDep(release: string): string {
  const dir = `/lib/modules/${release}`;
  return KERNEL_MODULES.map((m) => `${dir}/${m.path}:${transitiveDeps(m).map((d) => ` ${dir}/${d.path}`).join('')}\n`).join('');
}

/** The content of a .ko: our header, then the .modinfo strings modinfo would print. */
function moduleFile(def: ModuleDef, release: string): string {
  return (
    moduleImageHeader(def.name) +
    `license=GPL\0vermagic=${release} SMP 686 REGPARM 4KSTACKS gcc-3.4\0depends=${def.deps.join(',')}\0`
  );
}

export function kernelModulesLayout(release: string): FsLayout {
  const dir = `/lib/modules/${release}`;
  const layout: FsLayout = {
    [`${dir}/modules.dep`]: { content: modulesDep(release) },
    [`${dir}/modules.alias`]: { content: '# Aliases extracted from modules themselves.\n' },
    [`${dir}/build`]: { symlink: `../../../usr/src/kernels/${release}-i686` },
    '/etc/modprobe.conf': { content: 'alias eth0 e1000\nalias eth1 tg3\nalias scsi_hostadapter qla2xxx\nalias usb-controller ehci-hcd\nalias usb-controller1 uhci-hcd\n' },
  };
  for (const def of KERNEL_MODULES) layout[`${dir}/${def.path}`] = { content: moduleFile(def, release) };
  return layout;
}
