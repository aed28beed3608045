import { ensureRendererBuilt } from './support/build.js';

/** Build the renderer once for the whole run (only when its sources are newer than out/renderer). */
export default async function setup(): Promise<void> {
  await ensureRendererBuilt();
}
