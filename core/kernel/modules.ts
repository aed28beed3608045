/**
 * Loadable kernel modules: the modules built for the seed's 2.6.16 vserver kernel (where their
 * .ko files live under /lib/modules/RELEASE), the table of loaded ones (/proc/modules, lsmod),
 * and init_module(2) / delete_module(2) with their errors. Loading and unloading need
 * CAP_SYS_MODULE, which a Linux-VServer guest never has: root in a guest gets EPERM.
 */
import { capabilityBit } from './capabilities.js';
import { SyscallError } from './errno.js';
import type { Kernel } from './kernel.js';
import type { Task } from './task.js';

export interface ModuleDef {
  name: string;
  /** Core size in bytes, as /proc/modules prints it. */
  size: number;
  /** Path of the .ko under /lib/modules/RELEASE/. */
  path: string;
  /** Modules whose symbols it needs (loaded first by modprobe; init_module fails without them). */
  deps: readonly string[];
  /** Loaded at boot (rc.sysinit, the initrd, kudzu's hardware detection). */
  boot?: boolean;
  /** References held by something else than modules: a mounted filesystem, an up interface. */
  heldBy?: number;
}

/**
 * A RHEL 4-like server on a bi-Xeon with Intel and Broadcom NICs, a QLogic FC HBA, LVM and
 * netfilter; sizes are those of a 2.6.16 i686 SMP build. Boot modules are listed in load order.
 */
export const KERNEL_MODULES: readonly ModuleDef[] = [
  { name: 'scsi_mod', size: 124168, path: 'kernel/drivers/scsi/scsi_mod.ko', deps: [], boot: true },
  { name: 'sd_mod', size: 16912, path: 'kernel/drivers/scsi/sd_mod.ko', deps: ['scsi_mod'], boot: true, heldBy: 3 },
  { name: 'scsi_transport_fc', size: 29248, path: 'kernel/drivers/scsi/scsi_transport_fc.ko', deps: ['scsi_mod'], boot: true },
  { name: 'qla2xxx', size: 128528, path: 'kernel/drivers/scsi/qla2xxx/qla2xxx.ko', deps: ['scsi_mod', 'scsi_transport_fc'], boot: true },
  { name: 'jbd', size: 51732, path: 'kernel/fs/jbd/jbd.ko', deps: [], boot: true },
  { name: 'ext3', size: 119432, path: 'kernel/fs/ext3/ext3.ko', deps: ['jbd'], boot: true, heldBy: 1 },
  { name: 'dm_mod', size: 50072, path: 'kernel/drivers/md/dm-mod.ko', deps: [], boot: true },
  { name: 'dm_mirror', size: 19280, path: 'kernel/drivers/md/dm-mirror.ko', deps: ['dm_mod'], boot: true },
  { name: 'ehci_hcd', size: 29704, path: 'kernel/drivers/usb/host/ehci-hcd.ko', deps: [], boot: true },
  { name: 'uhci_hcd', size: 21392, path: 'kernel/drivers/usb/host/uhci-hcd.ko', deps: [], boot: true },
  { name: 'e1000', size: 110196, path: 'kernel/drivers/net/e1000/e1000.ko', deps: [], boot: true, heldBy: 0 },
  { name: 'tg3', size: 96004, path: 'kernel/drivers/net/tg3.ko', deps: [], boot: true },
  { name: 'button', size: 6928, path: 'kernel/drivers/acpi/button.ko', deps: [], boot: true },
  { name: 'loop', size: 15624, path: 'kernel/drivers/block/loop.ko', deps: [], boot: true },
  { name: 'ip_tables', size: 17600, path: 'kernel/net/ipv4/netfilter/ip_tables.ko', deps: [], boot: true },
  { name: 'iptable_filter', size: 2944, path: 'kernel/net/ipv4/netfilter/iptable_filter.ko', deps: ['ip_tables'], boot: true, heldBy: 1 },
  { name: 'ip_conntrack', size: 47508, path: 'kernel/net/ipv4/netfilter/ip_conntrack.ko', deps: [], boot: true },
  { name: 'ipt_state', size: 2176, path: 'kernel/net/ipv4/netfilter/ipt_state.ko', deps: ['ip_tables', 'ip_conntrack'], boot: true, heldBy: 1 },
  { name: 'ipt_REJECT', size: 5504, path: 'kernel/net/ipv4/netfilter/ipt_REJECT.ko', deps: ['ip_tables'], boot: true, heldBy: 1 },
  { name: 'sunrpc', size: 137980, path: 'kernel/net/sunrpc/sunrpc.ko', deps: [], boot: true, heldBy: 1 },
  { name: 'autofs4', size: 19204, path: 'kernel/fs/autofs4/autofs4.ko', deps: [], boot: true, heldBy: 0 },
  // Built but not loaded: what a student may try to load.
  { name: 'dummy', size: 3716, path: 'kernel/drivers/net/dummy.ko', deps: [] },
  { name: 'tun', size: 10624, path: 'kernel/drivers/net/tun.ko', deps: [] },
  { name: 'bonding', size: 69536, path: 'kernel/drivers/net/bonding/bonding.ko', deps: [] },
  { name: '8021q', size: 17156, path: 'kernel/net/8021q/8021q.ko', deps: [] },
  { name: 'vroot', size: 5896, path: 'kernel/drivers/block/vroot.ko', deps: [] },
  { name: 'fat', size: 47516, path: 'kernel/fs/fat/fat.ko', deps: [] },
  { name: 'vfat', size: 12544, path: 'kernel/fs/vfat/vfat.ko', deps: ['fat'] },
  { name: 'lockd', size: 60232, path: 'kernel/fs/lockd/lockd.ko', deps: ['sunrpc'] },
  { name: 'nfs', size: 180044, path: 'kernel/fs/nfs/nfs.ko', deps: ['lockd', 'sunrpc'] },
  { name: 'usb_storage', size: 65792, path: 'kernel/drivers/usb/storage/usb-storage.ko', deps: ['scsi_mod'] },
];

/** The bytes a .ko file of this lab starts with: an ELF-looking header naming its module. */
export function moduleImageHeader(name: string): string {
  return `\x7fELF\x01\x01\x01\0vlab-module:${name}\0`;
}

/** The module a file's content holds, if it is one of ours. */
export function moduleInImage(content: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  return /^\x7fELF\x01\x01\x01\0vlab-module:([^\0]+)\0/.exec(content)?.[1];
}

/** The name a module is known by: a .ko file name without its suffix, dashes as underscores. */
export function moduleNameOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return (dot >= 0 ? base.slice(0, dot) : base).replace(/-/g, '_');
}

interface LoadedModule {
  def: ModuleDef;
  /** Kernel address of the module's core, as /proc/modules prints it. */
  address: number;
}

const CAP_SYS_MODULE = capabilityBit('SYS_MODULE');

/** The loaded modules of one kernel, newest first (the order of /proc/modules). */
export class ModuleTable {
  private loaded: LoadedModule[] = [];
  private nextAddress = 0xf8800000;

  constructor() {
    for (const def of KERNEL_MODULES) if (def.boot) this.insert(def);
  }

  private insert(def: ModuleDef): void {
    this.loaded.unshift({ def, address: this.nextAddress });
    // Modules are placed in vmalloc space, page-aligned, one after the other.
    this.nextAddress += Math.ceil((def.size + 4096) / 4096) * 4096;
  }

  find(name: string): ModuleDef | undefined {
    return this.loaded.find((m) => m.def.name === name)?.def;
  }

  /** Loaded modules that depend on `name`. */
  users(name: string): string[] {
    return this.loaded.filter((m) => m.def.deps.includes(name)).map((m) => m.def.name);
  }

  refcount(name: string): number {
    const m = this.loaded.find((l) => l.def.name === name);
    return m ? this.users(name).length + (m.def.heldBy ?? 0) : 0;
  }

  /** init_module(2): `image` is the content of a .ko file. */
  initModule(task: Task, image: string): void {
    if ((task.cred.caps & CAP_SYS_MODULE) === 0n) throw new SyscallError('EPERM');
    const name = moduleInImage(image);
    const def = name === undefined ? undefined : KERNEL_MODULES.find((d) => d.name === name);
    if (!def) throw new SyscallError('ENOEXEC');
    if (this.find(def.name)) throw new SyscallError('EEXIST');
    // A missing dependency leaves symbols unresolved.
    if (def.deps.some((d) => !this.find(d))) throw new SyscallError('ENOENT');
    this.insert({ ...def, boot: false, heldBy: 0 });
  }

  /** delete_module(2). EWOULDBLOCK while something uses the module (rmmod without --wait). */
  deleteModule(task: Task, name: string): void {
    if ((task.cred.caps & CAP_SYS_MODULE) === 0n) throw new SyscallError('EPERM');
    const index = this.loaded.findIndex((m) => m.def.name === name);
    if (index < 0) throw new SyscallError('ENOENT');
    if (this.refcount(name) > 0) throw new SyscallError('EAGAIN');
    this.loaded.splice(index, 1);
  }

  /** /proc/modules: "name size refcount users, Live 0xaddress". */
  procText(): string {
    return this.loaded
      .map((m) => {
        const users = this.users(m.def.name);
        return `${m.def.name} ${m.def.size} ${this.refcount(m.def.name)} ${users.length ? users.map((u) => u + ',').join('') : '-'} Live 0x${m.address.toString(16)}\n`;
      })
      .join('');
  }

  save(): unknown {
    return { loaded: this.loaded.map((m) => ({ ...m })), nextAddress: this.nextAddress };
  }

  restore(state: unknown): void {
    const s = state as { loaded: LoadedModule[]; nextAddress: number };
    this.loaded = s.loaded.map((m) => ({ ...m }));
    this.nextAddress = s.nextAddress;
  }
}

const tables = new WeakMap<Kernel, ModuleTable>();

/** The module table of a kernel (created with the boot modules on first use). */
export function moduleTable(kernel: Kernel): ModuleTable {
  let table = tables.get(kernel);
  if (!table) {
    table = new ModuleTable();
    tables.set(kernel, table);
  }
  return table;
}
