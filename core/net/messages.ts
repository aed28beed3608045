/**
 * The words the network tools print, in one place.
 *
 * Sources: iproute2 ss-060323 (ip/ipaddress.c, ip/iproute.c), iputils (ping_common.c pr_icmph),
 * net-tools 1.60. "RTNETLINK answers: <strerror>" is how iproute2 reports a kernel error.
 */
import { SyscallError, strerror, type ErrnoName } from '../kernel/errno.js';

/**
 * A SyscallError that iproute2 reports with its own sentence instead of
 * "RTNETLINK answers: …" (an unknown device, a bad label). Still a SyscallError for the kernel.
 */
export class NetError extends SyscallError {
  constructor(
    code: ErrnoName,
    detail: string,
    /** iproute2's exact message, when it prints one of its own. */
    readonly toolMessage: string,
  ) {
    super(code, detail);
    this.name = 'NetError';
  }
}

/** `Cannot find device "eth9"` (iproute2 ll_name_to_index failure). */
export function cannotFindDevice(name: string): string {
  return `Cannot find device "${name}"`;
}

/**
 * iproute2's label rule (`matches(d, l)`): the label must begin with the device name
 * ("eth0:XX" for eth0). No colon is required by the tool.
 */
export function labelMatchesDevice(dev: string, label: string): boolean {
  return label.startsWith(dev);
}

/** iproute2 ss-060323: `"dev" (eth0) must match "label" (eth1:x).` (exit status 1). */
export function labelError(dev: string, label: string): string {
  return `"dev" (${dev}) must match "label" (${label}).`;
}

/**
 * The line `ip` prints for a failed request: the tool's own sentence for NetError, otherwise
 * `RTNETLINK answers: File exists`, `RTNETLINK answers: Cannot assign requested address`,
 * `RTNETLINK answers: No such process` (route not found), `RTNETLINK answers: Network is unreachable`…
 */
export function ipErrorMessage(error: SyscallError): string {
  if (error instanceof NetError) return error.toolMessage;
  return `RTNETLINK answers: ${strerror(error.code)}`;
}

/** iproute2's warning for `ip addr del 10.0.0.1 dev eth0` (no prefix length), on stderr. */
export function wildcardDeletionWarning(arg: string): string {
  return (
    'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
    `         Explicitly specify the prefix length (${arg}/32) to avoid this warning.\n` +
    '         This special behaviour is likely to disappear in further releases,\n' +
    '         fix your scripts!'
  );
}

/** ICMP errors a ping can report, with iputils' wording (pr_icmph). */
export const ICMP_ERROR_TEXT = {
  'net-unreachable': 'Destination Net Unreachable',
  'host-unreachable': 'Destination Host Unreachable',
  'protocol-unreachable': 'Destination Protocol Unreachable',
  'port-unreachable': 'Destination Port Unreachable',
  'net-prohibited': 'Destination Net Prohibited',
  'host-prohibited': 'Destination Host Prohibited',
  'packet-filtered': 'Packet filtered',
  'ttl-exceeded': 'Time to live exceeded',
} as const;
export type IcmpErrorKind = keyof typeof ICMP_ERROR_TEXT;

/** The errno a TCP/UDP socket gets for an ICMP error (icmp_err_convert). */
export const ICMP_ERRNO: Record<IcmpErrorKind, ErrnoName> = {
  'net-unreachable': 'ENETUNREACH',
  'host-unreachable': 'EHOSTUNREACH',
  'protocol-unreachable': 'ENOTCONN',
  'port-unreachable': 'ECONNREFUSED',
  'net-prohibited': 'ENETUNREACH',
  'host-prohibited': 'EHOSTUNREACH',
  'packet-filtered': 'EHOSTUNREACH',
  'ttl-exceeded': 'EHOSTUNREACH',
};
