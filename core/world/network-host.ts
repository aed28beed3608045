/**
 * The world's network wired into its machines: one Network (core/net) on the world's clock,
 * one NetStack per machine (`machine.net`), the socket calls of every task (`proc.net`, see
 * socket-calls.ts), /proc/net/{dev,route,arp}, and saving/restoring the network with the world.
 *
 * Network contexts: a task's nid selects `stack.context(nid)`; nid 0 (or a nid the stack does
 * not know) is the host, unrestricted. The VServer layer creates contexts on the stack
 * (`stack.setIpv4root`, `stack.createContext`) and sets task.nid; it may also replace the hooks
 * below (the raw_icmp context capability, vs2.0's hide_netif process flag, socket visibility).
 */
import type { ProcProviders } from '../kernel/procfs/content.js';
import type { Task } from '../kernel/task.js';
import { VXC, VXF } from '../kernel/vserver/bits.js';
import {
  buildNetwork,
  formatProcNetArp,
  formatProcNetDev,
  formatProcNetRoute,
  Network,
  type NetContext,
  type NetStack,
  type NetView,
  type NetworkSnapshot,
  type NetworkSpec,
  type SocketInfo,
} from '../net/index.js';
import type { Machine } from './machine.js';
import { reattachSocket, SocketCalls } from './socket-calls.js';
import { ninfoFile, virtnetProcTree } from './virtnet-proc.js';
import type { EmulatedWorld } from './world.js';

/** The /proc providers a machine's filesystem gets from the network. */
export type NetProcProviders = Pick<ProcProviders, 'netDev' | 'subtrees' | 'pidFiles'> & { extraFiles: Record<string, (viewer: Task) => string> };

export class WorldNetwork {
  /** The model. Replaced by a new instance when the world is restored. */
  network: Network;
  private readonly byStack = new Map<string, MachineNetwork>();

  // ----- hooks for the VServer layer ----------------------------------------------------------

  /**
   * Raw ICMP without CAP_NET_RAW: Linux-VServer's `raw_icmp` context capability (ccap, era C)
   * is decided here. The network context's own ncap `raw_icmp` (vs2.3) is always honoured.
   */
  contextAllowsRawIcmp: (task: Task) => boolean = (task) => task.kernel.vx.get(task.xid)?.hasCcap(VXC.raw_icmp) ?? false;
  /** vs2.0 kept hide_netif on the process context: a context with the flag hides, else the network context decides. */
  hideNetif: (task: Task) => boolean | undefined = (task) => (task.kernel.vx.get(task.xid)?.hasFlag(VXF.hide_netif) ? true : undefined);
  /** Which sockets `netstat` shows a task: the host sees all, a network context its own. */
  socketVisible: (viewer: Task, socket: SocketInfo) => boolean = (viewer, s) => viewer.nid === 0 || s.nid === viewer.nid;

  constructor(
    readonly world: EmulatedWorld,
    spec: NetworkSpec,
  ) {
    this.network = buildNetwork(spec, { now: () => world.clock.uptimeMs });
    world.network = this;
    world.snapshotParticipants.set('network', {
      save: () => this.network.snapshot(),
      restore: (state) => this.restore(state as NetworkSnapshot),
    });
  }

  /** Give a machine its stack (the one named like the machine in the spec) and its socket calls. */
  attach(machine: Machine, stackName: string = machine.config.name): MachineNetwork {
    if (!this.network.stack(stackName)) throw new Error(`the network has no machine named ${stackName}`);
    const mn = new MachineNetwork(this, machine, stackName);
    this.byStack.set(stackName, mn);
    machine.net = mn.stack;
    machine.netFor = (task) => new SocketCalls(mn, task);
    return mn;
  }

  /** The attachment of a machine, if it has one. */
  of(machine: Machine): MachineNetwork | undefined {
    for (const mn of this.byStack.values()) if (mn.machine === machine) return mn;
    return undefined;
  }

  /**
   * Put the network back as saved. Runs after the machines were restored (their processes are
   * re-created with their pids): sockets go back to the descriptor tables of the processes
   * that own them; sockets whose owner is gone (a terminal session) are closed.
   */
  restore(snapshot: NetworkSnapshot): void {
    this.network = Network.restore(snapshot, { now: () => this.world.clock.uptimeMs });
    for (const mn of this.byStack.values()) {
      const stack = mn.stack;
      mn.machine.net = stack;
      const queued = new Set<number>();
      for (const s of stack.sockets.all()) for (const id of s.acceptQueue) queued.add(id);
      for (const s of [...stack.sockets.all()]) {
        if (s.closed || queued.has(s.id)) continue;
        const owner = s.owner ? mn.machine.kernel.tasks.get(s.owner.pid) : undefined;
        if (owner?.alive) reattachSocket(owner, s);
        else s.close();
      }
    }
  }
}

/** One machine's side of the network. */
export class MachineNetwork {
  constructor(
    readonly world: WorldNetwork,
    readonly machine: Machine,
    readonly stackName: string,
  ) {}

  get stack(): NetStack {
    return this.world.network.stack(this.stackName)!;
  }

  /** The network context of a task: undefined for nid 0 (the host) or an unknown nid. */
  contextOf(task: Task): NetContext | undefined {
    return task.nid === 0 ? undefined : this.stack.context(task.nid);
  }

  /** What a task sees of interfaces (for the formatters' `view`). */
  viewOf(task: Task): NetView {
    const ctx = this.contextOf(task);
    const hide = this.world.hideNetif(task);
    return { ...(ctx ? { ctx } : {}), ...(hide !== undefined ? { hideNetif: hide } : {}) };
  }

  /**
   * /proc/net/dev (filtered by the viewer's context), /proc/net/route and /proc/net/arp (a guest
   * sees the host's tables, as in Linux-VServer). Other layers may add entries to `extraFiles`:
   * the object is shared with the /proc content, not copied.
   */
  procProviders(): NetProcProviders {
    return {
      netDev: (viewer) => formatProcNetDev(this.stack, { view: this.viewOf(viewer) }),
      extraFiles: {
        'net/route': () => formatProcNetRoute(this.stack),
        'net/arp': () => formatProcNetArp(this.stack),
      },
      subtrees: { virtnet: virtnetProcTree(() => this.stack, (viewer) => this.contextOf(viewer)) },
      pidFiles: { ninfo: (task) => ninfoFile(this.contextOf(task), task.nid) },
    };
  }
}

/** Create the world's network from a declaration (the seed's LAN: `seedLanSpec()`). */
export function attachWorldNetwork(world: EmulatedWorld, spec: NetworkSpec): WorldNetwork {
  return new WorldNetwork(world, spec);
}
