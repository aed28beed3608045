#!/usr/bin/env node
// The `vlab` command. The CLI is TypeScript; tsx's loader compiles it on the fly (and caches),
// so `npx vlab` works straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main.ts');
process.exitCode = await main(process.argv.slice(2));
