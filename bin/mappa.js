#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so the package needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/infrastructure/cli/mappa.ts');
