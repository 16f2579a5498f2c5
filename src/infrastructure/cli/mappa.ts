import type { Config } from '../config.js';
import { configOrExit } from '../config-or-exit.js';
import { exitWith } from './fail.js';
import { mappaProgram } from './program.js';

/** The configuration, read once, when a command first needs it (so `--help` works without one). */
let config: Config | undefined;
const loadedConfig = () => (config ??= configOrExit(process.env));

await mappaProgram(loadedConfig).parseAsync(process.argv).catch(exitWith);
