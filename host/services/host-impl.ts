/**
 * The Host contract over the Node services. Electron's main process exposes it over IPC and
 * `vlab serve` over HTTP; both build it here, so both behave the same.
 */
import type { Host, HostInfo, LabSummary, Locale, Progress, ProgressLoadResult } from '../contract.js';
import { listLabs, type LabsDirs } from './labs.js';
import { packageVersion } from './package-info.js';
import { ProgressStore } from './progress-store.js';
import { detectSystemLocale } from './system-locale.js';

export interface NodeHostOptions {
  labsDirs: LabsDirs;
  dataDir: string;
  kind: HostInfo['kind'];
  /** Defaults to package.json's version (Electron passes app.getVersion()). */
  version?: string;
  /** Defaults to the process environment's language (Electron passes the OS's preferred one). */
  systemLocale?: Locale;
}

export interface NodeHost extends Host {
  /** The store behind load/save, for callers that need its file paths (tests, diagnostics). */
  readonly progressStore: ProgressStore;
}

export function createNodeHost(options: NodeHostOptions): NodeHost {
  const store = new ProgressStore({ dataDir: options.dataDir });
  const info: HostInfo = {
    kind: options.kind,
    version: options.version ?? packageVersion(),
    systemLocale: options.systemLocale ?? detectSystemLocale(),
  };
  return {
    progressStore: store,
    info: async (): Promise<HostInfo> => ({ ...info }),
    listLabs: (): Promise<LabSummary[]> => listLabs(options.labsDirs),
    loadProgress: (): Promise<ProgressLoadResult> => store.load(),
    saveProgress: (progress: Progress): Promise<void> => store.save(progress),
  };
}
