import { describe, expect, it } from 'vitest';
import {
  broadcastAddress,
  classfulPrefix,
  deriveMac,
  formatIp4,
  inSubnet,
  ip4,
  isValidMac,
  maskPrefix,
  networkAddress,
  parseCidr,
  parseIp4,
  prefixMask,
} from './ip4.js';

describe('IPv4 helpers', () => {
  it.each([
    ['192.168.1.1', 0xc0a80101],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['10.0.0.1', 0x0a000001],
  ])('parses and prints %s', (text, value) => {
    expect(parseIp4(text)).toBe(value);
    expect(formatIp4(value)).toBe(text);
  });

  it.each(['256.1.1.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', '', '1..2.3', ' 1.2.3.4'])('rejects %j', (text) => {
    expect(parseIp4(text)).toBeUndefined();
  });

  it('masks and prefixes', () => {
    expect(formatIp4(prefixMask(24))).toBe('255.255.255.0');
    expect(formatIp4(prefixMask(0))).toBe('0.0.0.0');
    expect(formatIp4(prefixMask(32))).toBe('255.255.255.255');
    expect(maskPrefix(ip4('255.255.255.0'))).toBe(24);
    expect(maskPrefix(ip4('255.0.255.0'))).toBeUndefined();
    expect(formatIp4(networkAddress(ip4('192.168.1.128'), 24))).toBe('192.168.1.0');
    expect(formatIp4(broadcastAddress(ip4('192.168.1.128'), 24))).toBe('192.168.1.255');
    expect(inSubnet(ip4('192.168.1.1'), ip4('192.168.1.128'), 24)).toBe(true);
    expect(inSubnet(ip4('10.0.0.1'), ip4('192.168.1.128'), 24)).toBe(false);
    expect(inSubnet(ip4('8.8.8.8'), 0, 0)).toBe(true);
    expect(classfulPrefix(ip4('10.1.1.2'))).toBe(8);
    expect(classfulPrefix(ip4('172.16.0.1'))).toBe(16);
    expect(classfulPrefix(ip4('192.168.1.1'))).toBe(24);
  });

  it.each([
    ['10.0.0.1', { address: 0x0a000001, prefixLen: undefined }],
    ['10.0.0.1/8', { address: 0x0a000001, prefixLen: 8 }],
    ['10.0.0.1/255.255.255.0', { address: 0x0a000001, prefixLen: 24 }],
    ['10.0.0.1/33', undefined],
    ['10.0.0.1/255.0.255.0', undefined],
  ])('parseCidr(%s)', (text, expected) => {
    expect(parseCidr(text)).toEqual(expected);
  });

  it('derives stable MAC addresses', () => {
    const a = deriveMac('seed', 'host/eth0');
    expect(a).toBe(deriveMac('seed', 'host/eth0'));
    expect(a).not.toBe(deriveMac('seed', 'host/eth1'));
    expect(a.startsWith('00:16:3e:')).toBe(true);
    expect(isValidMac(a)).toBe(true);
    expect(deriveMac('seed', 'x', '00:0C:29').startsWith('00:0c:29:')).toBe(true);
  });
});
