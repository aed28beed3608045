/** World presets and booting: the seed's machines, built from data. */
import type { HostHooks, World } from '../api.js';
import '../programs/index.js';
import { Machine } from './machine.js';
import { VfsMachineFs } from './machine-fs.js';
import { attachWorldNetwork } from './network-host.js';
import { seedLanSpec } from '../net/index.js';
import { SECOND_ADDRESS, SECOND_HOST_CONFIG, SEED_ADDRESS, VSERVER_HOST_CONFIG, VSERVER_HOST_SERVICES, vserverHostLayout } from './presets/vserver-host.js';
import type { WorldNetwork } from './network-host.js';
import type { MachineConfig } from './machine.js';
import { EmulatedWorld } from './world.js';
import { vprocunhideAtBoot } from '../programs/vserver-fs/index.js';

export const worldPresets = ['vserver-host', 'two-vserver-hosts'] as const;
export type WorldPreset = (typeof worldPresets)[number];

/** Without a host (a bare call in a test), turns are resolved promises: fine when nothing is busy. */
const fallbackHooks: HostHooks = { yieldToHost: () => Promise.resolve() };

/** One Red Hat host patched with Linux-VServer, attached to the world's network. */
function addVserverHost(world: EmulatedWorld, network: WorldNetwork, config: MachineConfig, address: string, peers: MachineConfig[] = [], peerAddresses: string[] = []): void {
  const machine = new Machine(config, world.clock, world.hooks);
  const layout = vserverHostLayout(config.hostname, address);
  // Neighbours on the LAN are in /etc/hosts, as an administrator of two hosts would put them.
  const hosts = layout['/etc/hosts'];
  if (hosts && 'content' in hosts) hosts.content += peers.map((p, i) => `${peerAddresses[i]}\t${p.hostname} ${p.name}\n`).join('');
  const net = network.attach(machine);
  machine.fs = new VfsMachineFs({
    kernel: machine.kernel,
    hardware: config.hardware,
    clockSeconds: () => world.clock.epochSeconds,
    rootFs: { type: 'ext3', device: '/dev/sda1', sizeKb: 35_842_048, usedKb: 2_614_220 },
    layout,
    ttys: () => machine.consoles.map((c) => c.tty),
    procProviders: net.procProviders(),
  });
  machine.boot(VSERVER_HOST_SERVICES);
  // rc's S26vprocunhide: /proc entries a guest needs are unhidden before any guest starts.
  void vprocunhideAtBoot(machine.initProcess);
  world.add(machine);
}

/** The seed's machine alone on its LAN. */
function bootVserverHost(world: EmulatedWorld): void {
  addVserverHost(world, attachWorldNetwork(world, seedLanSpec()), VSERVER_HOST_CONFIG, SEED_ADDRESS);
}

/** Two VServer hosts on the same LAN: the seed's "restart its VServers from another host". */
function bootTwoVserverHosts(world: EmulatedWorld): void {
  const network = attachWorldNetwork(world, seedLanSpec({ secondHost: true }));
  addVserverHost(world, network, VSERVER_HOST_CONFIG, SEED_ADDRESS, [SECOND_HOST_CONFIG], [SECOND_ADDRESS]);
  addVserverHost(world, network, SECOND_HOST_CONFIG, SECOND_ADDRESS, [VSERVER_HOST_CONFIG], [SEED_ADDRESS]);
}

const PRESETS: Record<WorldPreset, (world: EmulatedWorld) => void> = {
  'vserver-host': bootVserverHost,
  'two-vserver-hosts': bootTwoVserverHosts,
};

export function bootEmulatedWorld(preset: string, hooks: HostHooks = fallbackHooks): EmulatedWorld {
  const build = PRESETS[preset as WorldPreset];
  if (!build) throw new Error(`unknown world preset: ${preset}`);
  const world = new EmulatedWorld(preset, hooks);
  build(world);
  return world;
}

export function bootWorld(preset: string = 'vserver-host', hooks?: HostHooks): World {
  return bootEmulatedWorld(preset, hooks);
}
