/** A filesystem tree declared as data (world presets, guest distributions). */

export type LayoutEntry = {
  perm?: number;
  uid?: number;
  gid?: number;
  /** Linux-VServer attributes to set ('barrier', 'immutable', 'iunlink'). */
  iattr?: 'barrier' | 'immutable' | 'iunlink';
} & (
  | { content: string }
  | { program: string }
  | { dir: true }
  | { symlink: string }
  | { device: 'chardev' | 'blockdev'; major: number; minor: number }
  /** A file holding a filesystem image that `mount -o loop` can mount. */
  | { image: { type: string; sizeKb: number; files: Record<string, string> } }
);

/** Absolute path → entry; parent directories are created as needed (0755 root:root). */
export type FsLayout = Record<string, LayoutEntry>;
