/**
 * The text of /proc, generated from kernel state at read time. Paths are relative to the mount
 * point ("uptime", "4400/status", "net/dev"). The viewer decides what is visible: a task sees
 * only the processes of its own context (plus pid 1), the spectator sees all.
 */
import { formatCapabilityHex } from '../capabilities.js';
import { moduleTable } from '../modules.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import type { Hardware } from './hardware.js';
import { stateLetter, stateWord, ttyName } from './task-info.js';

/** Other subsystems contribute files that are not about processes. */
export interface ProcProviders {
  mounts(viewer: Task): string;
  netDev(viewer: Task): string;
  /** Extra top-level entries (virtual/, virtnet/ from the VServer layer): name → generator. */
  extraFiles?: Record<string, (viewer: Task) => string>;
  /** Uptime as the viewer's context sees it (virt_uptime), in ms; defaults to the real uptime. */
  uptimeMs?(viewer: Task): number;
  /** Memory as the viewer's context sees it (virt_mem). */
  memory?(viewer: Task): { totalKb: number; freeKb: number; swapTotalKb: number; swapFreeKb: number };
  /** Whole directories generated on demand (virtual/, virtnet/): top-level name → tree. */
  subtrees?: Record<string, ProcSubtree>;
  /** Extra files in every /proc/PID directory (vinfo, ninfo): name → generator. */
  pidFiles?: Record<string, (task: Task, viewer: Task) => string>;
}

/** A directory of /proc whose entries depend on state (one folder per context, say). */
export interface ProcSubtree {
  /** Names in the directory at `path` (relative to the subtree), or undefined if none. */
  list(path: string[], viewer: Task): string[] | undefined;
  /** The content of the file at `path`, or undefined if there is none. */
  read(path: string[], viewer: Task): string | undefined;
}

export type ProcEntry = { kind: 'dir' } | { kind: 'file'; read: () => string } | { kind: 'symlink'; target: string };

const TOP_FILES = ['cpuinfo', 'meminfo', 'uptime', 'loadavg', 'version', 'mounts', 'stat', 'filesystems', 'cmdline', 'devices', 'swaps', 'modules'] as const;
const PID_FILES = ['status', 'cmdline', 'stat', 'environ', 'statm'] as const;
const pad8 = (n: number) => String(Math.round(n)).padStart(8);

export class ProcContent {
  constructor(
    private readonly kernel: Kernel,
    private readonly hardware: Hardware,
    private readonly providers: ProcProviders,
  ) {}

  /** Tasks whose /proc/PID the viewer may see. */
  visibleTasks(viewer: Task): Task[] {
    const pid = (t: Task) => this.kernel.pidSeenBy(viewer, t);
    return [...this.kernel.tasks.values()].filter((t) => this.kernel.visibility(viewer, t)).sort((a, b) => pid(a) - pid(b));
  }

  private taskFor(pidText: string, viewer: Task): Task | undefined {
    if (!/^\d+$/.test(pidText)) return undefined;
    return this.kernel.taskSeenBy(viewer, Number(pidText));
  }

  /** The parent pid a viewer sees: the parent's own (mapped) pid, or 1 for an orphan of a fake-init guest. */
  private ppidSeenBy(viewer: Task, task: Task): number {
    const parent = task.parent;
    if (!parent) return 0;
    if (this.kernel.visibility(viewer, parent)) return this.kernel.pidSeenBy(viewer, parent);
    return this.kernel.vx.get(viewer.xid)?.fakeInit ? 1 : parent.pid;
  }

  private subtree(parts: string[]): ProcSubtree | undefined {
    return parts.length > 0 ? this.providers.subtrees?.[parts[0]!] : undefined;
  }

  /** Names in a /proc directory, or undefined if it is not one. */
  list(path: string, viewer: Task): string[] | undefined {
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0) {
      const extra = Object.keys(this.providers.extraFiles ?? {}).map((p) => p.split('/')[0]!).filter((n) => n !== 'net');
      const trees = Object.keys(this.providers.subtrees ?? {});
      return [...this.visibleTasks(viewer).map((t) => String(this.kernel.pidSeenBy(viewer, t))), ...TOP_FILES, 'self', 'net', ...new Set(extra), ...trees];
    }
    const tree = this.subtree(parts);
    if (tree) return tree.list(parts.slice(1), viewer);
    if (parts.length === 1 && parts[0] === 'net') {
      const extra = Object.keys(this.providers.extraFiles ?? {}).filter((p) => p.startsWith('net/'));
      return ['dev', ...new Set(extra.map((p) => p.slice(4).split('/')[0]!))];
    }
    if (parts.length === 1 && this.taskFor(parts[0]!, viewer)) return [...PID_FILES, ...Object.keys(this.providers.pidFiles ?? {}), 'cwd', 'exe', 'root', 'fd'];
    if (parts.length === 2 && parts[1] === 'fd') {
      const t = this.taskFor(parts[0]!, viewer);
      return t ? t.fds.openDescriptors().map(String) : undefined;
    }
    const prefix = parts.join('/') + '/';
    const extra = Object.keys(this.providers.extraFiles ?? {}).filter((p) => p.startsWith(prefix));
    if (extra.length > 0) return [...new Set(extra.map((p) => p.slice(prefix.length).split('/')[0]!))];
    return undefined;
  }

  /** What a path is, or undefined when it does not exist for this viewer. */
  lookup(path: string, viewer: Task): ProcEntry | undefined {
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0) return { kind: 'dir' };
    const [first, second, third] = parts;
    if (parts.length === 1 && first === 'self') return { kind: 'symlink', target: String(this.kernel.pidSeenBy(viewer, viewer)) };
    if (this.list(path, viewer)) return { kind: 'dir' };
    const tree = this.subtree(parts);
    if (tree) {
      const text = tree.read(parts.slice(1), viewer);
      return text === undefined ? undefined : { kind: 'file', read: () => tree.read(parts.slice(1), viewer) ?? '' };
    }
    const extra = this.providers.extraFiles?.[parts.join('/')];
    if (extra) return { kind: 'file', read: () => extra(viewer) };
    if (parts.length === 1 && (TOP_FILES as readonly string[]).includes(first!)) return { kind: 'file', read: () => this.topFile(first!, viewer) };
    if (parts.length === 2 && first === 'net' && second === 'dev') return { kind: 'file', read: () => this.providers.netDev(viewer) };
    const task = this.taskFor(first!, viewer);
    if (!task) return undefined;
    if (parts.length === 2 && (PID_FILES as readonly string[]).includes(second!)) return { kind: 'file', read: () => this.pidFile(task, second!, viewer) };
    const extraPidFile = parts.length === 2 ? this.providers.pidFiles?.[second!] : undefined;
    if (extraPidFile) return { kind: 'file', read: () => extraPidFile(task, viewer) };
    if (parts.length === 2 && second === 'exe') return { kind: 'symlink', target: task.exePath || '/' };
    if (parts.length === 2 && (second === 'cwd' || second === 'root')) return { kind: 'symlink', target: '/' };
    if (parts.length === 3 && second === 'fd' && task.fds.has(Number(third))) {
      return { kind: 'symlink', target: task.fds.get(Number(third)).description };
    }
    return undefined;
  }

  private uptimeSeconds(viewer: Task): number {
    return (this.providers.uptimeMs?.(viewer) ?? this.kernel.clock.uptimeMs) / 1000;
  }

  private topFile(name: string, viewer: Task): string {
    switch (name) {
      case 'uptime': {
        const up = this.uptimeSeconds(viewer);
        const idle = up * this.hardware.cpus.length * 0.97;
        return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
      }
      case 'loadavg': {
        const tasks = this.visibleTasks(viewer);
        const running = tasks.filter((t) => t.state === 'running').length;
        return `0.00 0.00 0.00 ${running}/${tasks.length} ${this.kernel.tasks.size ? Math.max(...this.kernel.tasks.keys()) : 0}\n`;
      }
      case 'version':
        return `Linux version ${this.hardware.kernelRelease} (root@localhost.localdomain) (${this.hardware.compiler}) ${this.hardware.kernelVersion}\n`;
      case 'meminfo':
        return this.meminfo(viewer);
      case 'cpuinfo':
        return this.hardware.cpus
          .map(
            (cpu, i) =>
              `processor\t: ${i}\nvendor_id\t: GenuineIntel\ncpu family\t: 15\nmodel\t\t: 2\nmodel name\t: ${cpu.model}\nstepping\t: 9\n` +
              `cpu MHz\t\t: ${cpu.mhz.toFixed(3)}\ncache size\t: ${cpu.cacheKb} KB\nphysical id\t: ${i}\nsiblings\t: 1\n` +
              `fdiv_bug\t: no\nhlt_bug\t\t: no\nf00f_bug\t: no\ncoma_bug\t: no\nfpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: 2\nwp\t\t: yes\n` +
              `flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe cid xtpr\n` +
              `bogomips\t: ${(cpu.mhz * 2 - 3).toFixed(2)}\n\n`,
          )
          .join('');
      case 'mounts':
        return this.providers.mounts(viewer);
      case 'stat': {
        const ticks = Math.floor(this.kernel.clock.uptimeMs / 10);
        const cpu = (label: string, n: number) => `${label} ${Math.floor(ticks * 0.02 * n)} 0 ${Math.floor(ticks * 0.01 * n)} ${Math.floor(ticks * 0.97 * n)} 0 0 0\n`;
        const n = this.hardware.cpus.length;
        return cpu('cpu ', n) + this.hardware.cpus.map((_, i) => cpu(`cpu${i}`, 1)).join('') +
          `ctxt 0\nbtime ${Math.floor(this.kernel.clock.bootEpochSeconds)}\nprocesses ${this.kernel.tasks.size}\nprocs_running 1\nprocs_blocked 0\n`;
      }
      case 'filesystems':
        return 'nodev\tsysfs\nnodev\trootfs\nnodev\tbdev\nnodev\tproc\nnodev\tsockfs\nnodev\tpipefs\nnodev\ttmpfs\nnodev\tdevpts\n\text3\n\text2\nnodev\tramfs\n';
      case 'cmdline':
        return 'ro root=/dev/sda1 rhgb quiet\n';
      case 'devices':
        return 'Character devices:\n  1 mem\n  4 /dev/vc/0\n  4 tty\n  5 /dev/tty\n  5 /dev/console\n  5 /dev/ptmx\n136 pts\n\nBlock devices:\n  7 loop\n  8 sd\n';
      case 'modules':
        return moduleTable(this.kernel).procText();
      case 'swaps':
        return `Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n/dev/sda2                               partition\t${this.hardware.swapKb}\t0\t-1\n`;
    }
    return '';
  }

  private meminfo(viewer: Task): string {
    const m = this.providers.memory?.(viewer) ?? this.hostMemory();
    const line = (label: string, kb: number) => `${(label + ':').padEnd(14)}${pad8(kb)} kB\n`;
    return (
      line('MemTotal', m.totalKb) + line('MemFree', m.freeKb) + line('Buffers', Math.round(m.totalKb * 0.02)) +
      line('Cached', Math.round(m.totalKb * 0.08)) + line('SwapCached', 0) + line('Active', Math.round(m.totalKb * 0.07)) +
      line('Inactive', Math.round(m.totalKb * 0.05)) + line('HighTotal', Math.max(0, m.totalKb - 901120)) +
      line('HighFree', Math.max(0, m.freeKb - 800000)) + line('LowTotal', Math.min(m.totalKb, 901120)) +
      line('LowFree', Math.min(m.freeKb, 800000)) + line('SwapTotal', m.swapTotalKb) + line('SwapFree', m.swapFreeKb) +
      line('Dirty', 48) + line('Writeback', 0) + line('Mapped', Math.round(m.totalKb * 0.03)) + line('Slab', Math.round(m.totalKb * 0.01)) +
      line('CommitLimit', Math.round(m.totalKb / 2 + m.swapTotalKb)) + line('Committed_AS', Math.round(m.totalKb * 0.04)) +
      line('PageTables', 1240) + line('VmallocTotal', 106488) + line('VmallocUsed', 3224) + line('VmallocChunk', 103028) +
      'HugePages_Total:     0\nHugePages_Free:      0\nHugepagesize:     2048 kB\n'
    );
  }

  /** Host memory: a fixed base use plus what the processes hold. */
  hostMemory(): { totalKb: number; freeKb: number; swapTotalKb: number; swapFreeKb: number } {
    let used = 160_000;
    for (const t of this.kernel.tasks.values()) used += t.rssKb;
    const total = this.hardware.memoryKb;
    return { totalKb: total, freeKb: Math.max(0, total - used - Math.round(total * 0.1)), swapTotalKb: this.hardware.swapKb, swapFreeKb: this.hardware.swapKb };
  }

  private pidFile(task: Task, name: string, viewer: Task): string {
    const pid = this.kernel.pidSeenBy(viewer, task);
    const ppid = this.ppidSeenBy(viewer, task);
    switch (name) {
      case 'cmdline':
        return task.argv.length ? task.argv.join('\0') + '\0' : '';
      case 'environ':
        return Object.entries(task.env).map(([k, v]) => `${k}=${v}\0`).join('');
      case 'statm':
        return `${Math.ceil(task.vszKb / 4)} ${Math.ceil(task.rssKb / 4)} ${Math.ceil(task.rssKb / 8)} 150 0 ${Math.ceil(task.vszKb / 16)} 0\n`;
      case 'stat': {
        const ticks = (ms: number) => Math.floor(ms / 10);
        return (
          `${pid} (${task.comm}) ${stateLetter(task)} ${ppid} ${task.pgid} ${task.sid} ${task.tty ? 34816 : 0} ${task.tty?.foregroundPgrp ?? -1} ` +
          `4202752 0 0 0 0 ${ticks(task.utimeMs)} ${ticks(task.stimeMs)} 0 0 ${15 + task.nice} ${task.nice} 1 0 ${ticks(task.startTimeMs)} ` +
          `${task.vszKb * 1024} ${Math.ceil(task.rssKb / 4)} 4294967295\n`
        );
      }
      case 'status': {
        const c = task.cred;
        const hex = (s: number[]) => formatCapabilityHex(s.reduce((m, b) => m | (1n << BigInt(b - 1)), 0n));
        const ignored = [...task.dispositions].filter(([, d]) => d === 'ignore').map(([s]) => s);
        const caught = [...task.dispositions].filter(([, d]) => typeof d === 'function').map(([s]) => s);
        const vm = (label: string, kb: number) => `${label}:\t${String(kb).padStart(8)} kB\n`;
        return (
          `Name:\t${task.comm}\nState:\t${stateWord(task)}\nSleepAVG:\t98%\nTgid:\t${pid}\nPid:\t${pid}\nPPid:\t${ppid}\nTracerPid:\t0\n` +
          `Uid:\t${c.uid}\t${c.euid}\t${c.euid}\t${c.euid}\nGid:\t${c.gid}\t${c.egid}\t${c.egid}\t${c.egid}\nFDSize:\t256\nGroups:\t${c.groups.join(' ')} \n` +
          vm('VmPeak', task.vszKb) + vm('VmSize', task.vszKb) + vm('VmLck', 0) + vm('VmHWM', task.rssKb) + vm('VmRSS', task.rssKb) +
          vm('VmData', Math.round(task.vszKb * 0.1)) + vm('VmStk', 88) + vm('VmExe', Math.round(task.vszKb * 0.12)) + vm('VmLib', Math.round(task.vszKb * 0.3)) +
          vm('VmPTE', 12) + `Threads:\t1\nSigPnd:\t${hex([...task.pending])}\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n` +
          `SigIgn:\t${hex(ignored)}\nSigCgt:\t${hex(caught)}\nCapInh:\t0000000000000000\nCapPrm:\t${formatCapabilityHex(c.caps)}\nCapEff:\t${formatCapabilityHex(c.caps)}\n` +
          `VxID:\t${task.xid}\nNxID:\t${task.nid}\n`
        );
      }
    }
    return '';
  }

  /** The terminal name as /proc/PID/stat's tty_nr would decode (used by ps). */
  static ttyOf(task: Task): string {
    return ttyName(task);
  }
}
