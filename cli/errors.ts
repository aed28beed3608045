/** Errors the CLI reports as one plain line, never as a stack trace. */

/** A mistake or condition to report to the person, with the exit status to use. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Print the usage after the message (for wrong commands or options). */
    readonly showUsage = false,
  ) {
    super(message);
  }
}

/** The C library's wording for common file errors, as shells and coreutils print them. */
export function strerror(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied';
    case 'EISDIR':
      return 'Is a directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'ENOSPC':
      return 'No space left on device';
    case 'EROFS':
      return 'Read-only file system';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
