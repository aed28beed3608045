/**
 * IPv4 and Ethernet address helpers. An IPv4 address is a plain unsigned 32-bit number
 * (`Ip4`), so addresses are cheap to compare, mask and snapshot.
 */

/** An IPv4 address as an unsigned 32-bit integer (host order: 192.168.1.1 = 0xc0a80101). */
export type Ip4 = number;

export const INADDR_ANY: Ip4 = 0;
export const INADDR_LOOPBACK: Ip4 = 0x7f000001;
export const INADDR_BROADCAST: Ip4 = 0xffffffff;

/** Parse a dotted quad ("192.168.1.1"). Returns undefined for anything else. */
export function parseIp4(text: string): Ip4 | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}

/** Parse a dotted quad or throw a TypeError (for presets and tests, not for user input). */
export function ip4(text: string): Ip4 {
  const value = parseIp4(text);
  if (value === undefined) throw new TypeError(`not an IPv4 address: ${text}`);
  return value;
}

export function formatIp4(address: Ip4): string {
  const a = address >>> 0;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** The netmask of a prefix length: 24 → 255.255.255.0. */
export function prefixMask(prefixLen: number): Ip4 {
  if (prefixLen <= 0) return 0;
  if (prefixLen >= 32) return 0xffffffff;
  return (0xffffffff << (32 - prefixLen)) >>> 0;
}

/** The prefix length of a contiguous netmask, or undefined when the mask has holes. */
export function maskPrefix(mask: Ip4): number | undefined {
  const m = mask >>> 0;
  let len = 0;
  while (len < 32 && (m & (0x80000000 >>> len)) !== 0) len++;
  return prefixMask(len) === m ? len : undefined;
}

export function networkAddress(address: Ip4, prefixLen: number): Ip4 {
  return (address & prefixMask(prefixLen)) >>> 0;
}

export function broadcastAddress(address: Ip4, prefixLen: number): Ip4 {
  return (address | ~prefixMask(prefixLen)) >>> 0;
}

/** Whether `address` lies in `network/prefixLen`. */
export function inSubnet(address: Ip4, network: Ip4, prefixLen: number): boolean {
  const mask = prefixMask(prefixLen);
  return ((address & mask) >>> 0) === ((network & mask) >>> 0);
}

/** 127.0.0.0/8. */
export function isLoopbackNet(address: Ip4): boolean {
  return address >>> 24 === 127;
}

export function isMulticast(address: Ip4): boolean {
  return address >>> 28 === 0xe;
}

/** The class-based prefix the kernel gives an address set with SIOCSIFADDR (ifconfig): A/8, B/16, C/24. */
export function classfulPrefix(address: Ip4): number {
  const first = address >>> 24;
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  return 32;
}

/** "10.0.0.1/24" or "10.0.0.1" (prefixLen undefined). Returns undefined when unparsable. */
export function parseCidr(text: string): { address: Ip4; prefixLen: number | undefined } | undefined {
  const slash = text.indexOf('/');
  const address = parseIp4(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  if (slash < 0) return { address, prefixLen: undefined };
  const rest = text.slice(slash + 1);
  if (/^[0-9]{1,2}$/.test(rest)) {
    const len = Number(rest);
    return len <= 32 ? { address, prefixLen: len } : undefined;
  }
  const mask = parseIp4(rest);
  const len = mask === undefined ? undefined : maskPrefix(mask);
  return len === undefined ? undefined : { address, prefixLen: len };
}

// ---------------------------------------------------------------------------------------------
// Ethernet addresses

/** A MAC address as iproute2 prints it: six lower-case hex pairs separated by colons. */
export type Mac = string;

export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC: Mac = '00:00:00:00:00:00';

/** 32-bit FNV-1a over a string's UTF-16 code units: the deterministic hash of this module. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A stable MAC address for a NIC, derived from the world's seed and a key (host and device
 * name). `oui` is the vendor prefix; the default 00:16:3e is Xen's (the seed's host name,
 * scivm-xm4, suggests a Xen guest — a guess, any OUI will do).
 */
export function deriveMac(seed: string, key: string, oui = '00:16:3e'): Mac {
  const h = fnv1a(`${seed}\u0000${key}`);
  const tail = [(h >>> 16) & 255, (h >>> 8) & 255, h & 255].map((b) => b.toString(16).padStart(2, '0'));
  return `${oui.toLowerCase()}:${tail.join(':')}`;
}

export function isValidMac(text: string): boolean {
  return /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(text);
}
