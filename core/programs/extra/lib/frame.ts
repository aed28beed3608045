/**
 * What the extra programs share: registering a tool with its own --version text (diffutils,
 * e2fsprogs, module-init-tools… are not coreutils), capability checks, and small helpers.
 */
import { capabilityBit, type CapabilityName } from '../../../kernel/capabilities.js';
import { SyscallError } from '../../../kernel/errno.js';
import type { Process } from '../../../kernel/process.js';
import type { OptionDef, ParseResult } from '../../lib/getopt.js';
import { runTool, type Tool, type ToolSpec } from '../../lib/tool.js';
import { defineProgram } from '../../registry.js';

export type ExtraToolSpec = Omit<ToolSpec, 'suite'> & {
  /** The whole --version text; omitted: the tool has no --version option. */
  version?: string;
};

/** The option definitions a spec's parse really uses: --version mapped to our own key. */
function optionTable(spec: ExtraToolSpec): OptionDef[] {
  const own = [...spec.options];
  if (spec.version !== undefined && !own.some((o) => o.long === 'version')) own.push({ long: 'version', key: 'own-version' });
  return own;
}

/**
 * Register a tool on the shared frame (lib/tool.ts): GNU option parsing, "NAME: message"
 * warnings, buffered output. `--version` prints the spec's own text.
 */
export function defineExtraTool(spec: ExtraToolSpec, body: (tool: Tool, parsed: ParseResult) => Promise<number>, words: readonly string[] = []): void {
  const options = optionTable(spec);
  const toolSpec: ToolSpec = { ...spec, suite: 'util-linux', options, nameStyle: spec.nameStyle ?? 'basename' };
  defineProgram({
    name: spec.name,
    options: [...new Set([...options.flatMap((o) => [o.short ? `-${o.short}` : '', o.long ? `--${o.long}` : '']).filter(Boolean), ...words])],
    main: (proc: Process) =>
      runTool(proc, toolSpec, async (tool, parsed) => {
        if (parsed.options.some((o) => o.key === 'own-version')) {
          tool.out.put(spec.version ?? '');
          return 0;
        }
        return body(tool, parsed);
      }),
  });
}

/** Does the process hold a capability (its effective set, after the context's bounding set)? */
export function capable(proc: Process, name: CapabilityName): boolean {
  return (proc.task.cred.caps & capabilityBit(name)) !== 0n;
}

/** The strerror() text of a failed call. */
export function errorMessage(e: unknown): string {
  if (e instanceof SyscallError) return e.message;
  throw e;
}

/** The code of a failed call, or undefined for anything else. */
export function errorCode(e: unknown): string | undefined {
  return e instanceof SyscallError ? e.code : undefined;
}

/** The last component of a path ("/a/b/" → "b"). */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || (path.startsWith('/') ? '/' : path);
}

/** dir + "/" + name, without doubling a trailing slash (diff's dir_file_pathname). */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
