/**
 * Map a request path to a file inside a root folder, refusing anything that could escape it.
 * Shared by the HTTP server and Electron's app:// handler.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The file a URL path names inside `root`, or undefined when the path is malformed, names a
 * hidden file, or would leave `root` (`..`, encoded slashes or backslashes, NUL bytes).
 * `/` maps to index.html. Pure: it does not look at the disk.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  if (!urlPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return undefined;
  const relative = decoded === '/' ? 'index.html' : segments.join('/');
  if (relative === '' || relative.endsWith('/')) return undefined;
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  return isInside(resolvedRoot, file) ? file : undefined;
}

export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The path resolved on disk, if it is a regular file still inside root once symbolic links are
 * followed (a link in the build output must not expose the rest of the disk).
 */
export async function existingFileInside(root: string, file: string): Promise<string | undefined> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile)) return undefined;
    return (await stat(realFile)).isFile() ? realFile : undefined;
  } catch {
    return undefined;
  }
}
