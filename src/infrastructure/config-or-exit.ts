import { describeConfigProblems, loadConfig, type Config } from './config.js';
import { anchorDefaultLocations } from './default-locations.js';

/** Exit code for a configuration the process cannot start with. */
const EXIT_CONFIG = 78;

/** The configuration, or exit naming each bad variable on stderr (never its value; docs/CHECKS.md O2). */
export function configOrExit(env: Readonly<Record<string, string | undefined>>): Config {
  const result = loadConfig(env);
  if (result.ok) return anchorDefaultLocations(result.config, env);
  process.stderr.write(`${describeConfigProblems(result.problems)}\n`);
  process.exit(EXIT_CONFIG);
}
