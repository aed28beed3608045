/** World presets and booting: the seed's machines, built from data. */
import type { HostHooks, World } from '../api.js';
import '../programs/index.js';
import { Machine } from './machine.js';
import { VfsMachineFs } from './machine-fs.js';
import { attachWorldNetwork } from './network-host.js';
import { seedLanSpec } from '../net/index.js';
import { VSERVER_HOST_CONFIG, VSERVER_HOST_SERVICES, vserverHostLayout } from './presets/vserver-host.js';
import { EmulatedWorld } from './world.js';

export const worldPresets = ['vserver-host'] as const;
export type WorldPreset = (typeof worldPresets)[number];

/** Without a host (a bare call in a test), turns are resolved promises: fine when nothing is busy. */
const fallbackHooks: HostHooks = { yieldToHost: () => Promise.resolve() };

function bootVserverHost(world: EmulatedWorld): void {
  const machine = new Machine(VSERVER_HOST_CONFIG, world.clock, world.hooks);
  const net = attachWorldNetwork(world, seedLanSpec()).attach(machine);
  machine.fs = new VfsMachineFs({
    kernel: machine.kernel,
    hardware: VSERVER_HOST_CONFIG.hardware,
    clockSeconds: () => world.clock.epochSeconds,
    rootFs: { type: 'ext3', device: '/dev/sda1', sizeKb: 35_842_048, usedKb: 2_614_220 },
    layout: vserverHostLayout(),
    ttys: () => machine.consoles.map((c) => c.tty),
    procProviders: net.procProviders(),
  });
  machine.boot(VSERVER_HOST_SERVICES);
  world.add(machine);
}

const PRESETS: Record<WorldPreset, (world: EmulatedWorld) => void> = {
  'vserver-host': bootVserverHost,
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
