/** File-system errors in plain words, for messages a person reads (no errno codes, no stacks). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EMFILE':
      return 'too many open files';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
