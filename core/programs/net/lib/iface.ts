/**
 * Interface lists shared by ifconfig and netstat -i (net-tools 1.60 lib/interface.c): the
 * entries for_all_interfaces visits — devices and alias labels — and ife_print_short's row.
 */
import { IFF, nstrcmp, viewHides, type InetAddr, type Link, type NetStack, type NetView } from '../../../net/index.js';

export interface IfEntry {
  name: string;
  link: Link;
  /** The address of this label (the device's own, or the alias's). */
  addr: InetAddr | undefined;
  alias: boolean;
}

/** Devices and alias labels the viewer may see, sorted as net-tools does (nstrcmp). */
export function interfaceEntries(stack: NetStack, view: NetView): IfEntry[] {
  const hide = viewHides(view);
  const entries: IfEntry[] = [];
  for (const link of stack.links) {
    const all = stack.addresses(link.name);
    const addrs = hide ? all.filter((a) => hide.has(a.local)) : all;
    if (hide && addrs.length === 0) continue;
    entries.push({ name: link.name, link, addr: addrs.find((a) => a.label === link.name), alias: false });
    for (const a of addrs) {
      if (a.label !== link.name && !entries.some((e) => e.name === a.label)) entries.push({ name: a.label, link, addr: a, alias: true });
    }
  }
  return entries.sort((x, y) => nstrcmp(x.name, y.name));
}

/** ife_print_short: one row of `netstat -i` / `ifconfig -s`. Aliases have no statistics. */
export function shortRow(e: IfEntry): string {
  const l = e.link;
  let s = `${e.name.slice(0, 5).padEnd(5)} ${String(l.mtu).padStart(5)} ${String(l.metric || 0).padStart(3)}`;
  if (!e.alias) {
    const t = l.stats;
    s += `${String(t.rxPackets).padStart(8)} ${String(t.rxErrors).padStart(6)} ${String(t.rxDropped).padStart(6)} ${String(t.rxFifo).padStart(6)}`;
    s += `${String(t.txPackets).padStart(8)} ${String(t.txErrors).padStart(6)} ${String(t.txDropped).padStart(6)} ${String(t.txFifo).padStart(6)} `;
  } else {
    s += '     - no statistics available -'.padEnd(56);
  }
  const f = l.flags;
  if (f === 0) s += '[NO FLAGS]';
  const letters: Array<[number, string]> = [
    [IFF.ALLMULTI, 'A'],
    [IFF.BROADCAST, 'B'],
    [IFF.DEBUG, 'D'],
    [IFF.LOOPBACK, 'L'],
    [IFF.MULTICAST, 'M'],
    [IFF.DYNAMIC, 'd'],
    [IFF.PROMISC, 'P'],
    [IFF.NOTRAILERS, 'N'],
    [IFF.NOARP, 'O'],
    [IFF.POINTOPOINT, 'P'],
    [IFF.SLAVE, 's'],
    [IFF.MASTER, 'm'],
    [IFF.RUNNING, 'R'],
    [IFF.UP, 'U'],
  ];
  for (const [bit, letter] of letters) if (f & bit) s += letter;
  return `${s}\n`;
}
