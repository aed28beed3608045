/**
 * errno values and glibc's strerror() wording, so every tool prints the words students
 * will meet on a real Linux system ("No such file or directory", "Operation not permitted").
 */

export const ERRNO = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  ESRCH: [3, 'No such process'],
  EINTR: [4, 'Interrupted system call'],
  EIO: [5, 'Input/output error'],
  ENXIO: [6, 'No such device or address'],
  E2BIG: [7, 'Argument list too long'],
  ENOEXEC: [8, 'Exec format error'],
  EBADF: [9, 'Bad file descriptor'],
  ECHILD: [10, 'No child processes'],
  EAGAIN: [11, 'Resource temporarily unavailable'],
  ENOMEM: [12, 'Cannot allocate memory'],
  EACCES: [13, 'Permission denied'],
  EFAULT: [14, 'Bad address'],
  ENOTBLK: [15, 'Block device required'],
  EBUSY: [16, 'Device or resource busy'],
  EEXIST: [17, 'File exists'],
  EXDEV: [18, 'Invalid cross-device link'],
  ENODEV: [19, 'No such device'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  ENFILE: [23, 'Too many open files in system'],
  EMFILE: [24, 'Too many open files'],
  ENOTTY: [25, 'Inappropriate ioctl for device'],
  ETXTBSY: [26, 'Text file busy'],
  EFBIG: [27, 'File too large'],
  ENOSPC: [28, 'No space left on device'],
  ESPIPE: [29, 'Illegal seek'],
  EROFS: [30, 'Read-only file system'],
  EMLINK: [31, 'Too many links'],
  EPIPE: [32, 'Broken pipe'],
  EDOM: [33, 'Numerical argument out of domain'],
  ERANGE: [34, 'Numerical result out of range'],
  EDEADLK: [35, 'Resource deadlock avoided'],
  ENAMETOOLONG: [36, 'File name too long'],
  ENOLCK: [37, 'No locks available'],
  ENOSYS: [38, 'Function not implemented'],
  ENOTEMPTY: [39, 'Directory not empty'],
  ELOOP: [40, 'Too many levels of symbolic links'],
  ENOTSOCK: [88, 'Socket operation on non-socket'],
  EDESTADDRREQ: [89, 'Destination address required'],
  EPROTONOSUPPORT: [93, 'Protocol not supported'],
  EOPNOTSUPP: [95, 'Operation not supported'],
  EAFNOSUPPORT: [97, 'Address family not supported by protocol'],
  EADDRINUSE: [98, 'Address already in use'],
  EADDRNOTAVAIL: [99, 'Cannot assign requested address'],
  ENETDOWN: [100, 'Network is down'],
  ENETUNREACH: [101, 'Network is unreachable'],
  ECONNRESET: [104, 'Connection reset by peer'],
  EISCONN: [106, 'Transport endpoint is already connected'],
  ENOTCONN: [107, 'Transport endpoint is not connected'],
  ETIMEDOUT: [110, 'Connection timed out'],
  ECONNREFUSED: [111, 'Connection refused'],
  EHOSTDOWN: [112, 'Host is down'],
  EHOSTUNREACH: [113, 'No route to host'],
  EALREADY: [114, 'Operation already in progress'],
  EDQUOT: [122, 'Disk quota exceeded'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrnoName = keyof typeof ERRNO;

export function strerror(name: ErrnoName): string {
  return ERRNO[name][1];
}

export function errnoNumber(name: ErrnoName): number {
  return ERRNO[name][0];
}

/**
 * A failed system call, as a program sees it: an errno and glibc's message. Deliberately not an
 * Error subclass: failed calls are frequent (PATH lookups, globbing) and capturing a JavaScript
 * stack for each would cost more than the call itself.
 */
export class SyscallError {
  name: string = 'SyscallError';
  readonly message: string;
  constructor(
    readonly code: ErrnoName,
    /** Optional context (a path, a syscall name) for debugging only; tools format their own messages. */
    readonly detail?: string,
  ) {
    this.message = strerror(code);
  }
  get errno(): number {
    return errnoNumber(this.code);
  }
  toString(): string {
    return `${this.name}: ${this.message}${this.detail ? ` (${this.detail})` : ''}`;
  }
}

export function isSyscallError(e: unknown): e is SyscallError {
  return e instanceof SyscallError;
}
