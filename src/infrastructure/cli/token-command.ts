import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { safeText } from '../../domain/shared/safe-text.js';
import { agency } from '../../domain/shared/agencies.js';
import { AREA_CODES, areaCode, type AreaCode } from '../../domain/shared/areas.js';
import { role } from '../auth/actor.js';
import { localSecretPath, signingSecret } from '../auth/jwt-key.js';
import { mintToken, parseTtl } from '../auth/mint-token.js';
import { ALL_AREAS, type Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import { CliFailure } from './fail.js';
import { parseOptions } from './options.js';

const tokenOptions = z.object({
  sub: safeText(200),
  role,
  agency,
  areas: z.string().transform((text, ctx): Principal['areas'] => {
    if (text.trim() === ALL_AREAS) return ALL_AREAS;
    const codes = text.split(',').map((code) => code.trim()).filter((code) => code !== '');
    const unknown = codes.filter((code) => !areaCode.safeParse(code).success);
    if (codes.length === 0 || unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${unknown.length > 0 ? `${unknown.join(', ')} is not an area code; ` : ''}must be "*" (quoted) or a comma-separated list of: ${AREA_CODES.join(', ')}`,
      });
      return z.NEVER;
    }
    return codes as AreaCode[];
  }),
  ttl: z.string().transform((text, ctx) => {
    const seconds = parseTtl(text);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 900, 15m, 8h or 1d' });
      return z.NEVER;
    }
    return seconds;
  }),
});

/** Mints a development token signed with the local secret; refuses in production. */
async function mintDevToken(config: Config, options: Record<string, unknown>, onSecret?: (which: string) => void): Promise<string> {
  if (config.env === 'production') {
    throw new CliFailure('`mappa token` is for development and tests; in production tokens come from your identity provider');
  }
  const { sub, role: tokenRole, agency: tokenAgency, areas, ttl } = parseOptions(tokenOptions, options);
  const signing = describeSigningSecret(config);
  const secret = signingSecret(config);
  if (secret === undefined || signing === undefined) {
    throw new CliFailure('this server verifies tokens with MAPPA_JWT_PUBLIC_KEY; mint tokens with the matching private key instead');
  }
  onSecret?.(signing);
  return mintToken({ sub, role: tokenRole, agency: tokenAgency, areas }, { secret, ttlSeconds: ttl, issuer: config.jwt.issuer, audience: config.jwt.audience });
}

/**
 * Which secret a token is signed with, for the operator (stderr): a token signed with a secret
 * the server does not use is refused by it, and nothing else would say why.
 */
function describeSigningSecret(config: Config): string | undefined {
  const key = config.jwt.key;
  if (key.kind === 'secret') return 'signed with MAPPA_JWT_SECRET';
  if (key.kind === 'public-key') return undefined;
  const path = resolve(localSecretPath(config.dataDir));
  return existsSync(path)
    ? `signed with the development secret ${path} (MAPPA_DATA_DIR); the server accepts it if it uses the same data directory`
    : `created a new development secret ${path} (MAPPA_DATA_DIR) and signed with it; a server already running with another secret refuses this token`;
}

export function tokenCommand(config: () => Config): Command {
  return new Command('token')
    .description('print a development bearer token signed with the local secret (refused in production)')
    .requiredOption('--sub <subject>', 'token subject: who the caller is')
    .requiredOption('--role <role>', 'coordinator | reviewer | analyst | auditor | admin | data-protection')
    .requiredOption('--agency <agency>', 'police | probation | prison | youth-justice | health | children-services | adult-services | housing | other')
    .requiredOption('--areas <areas>', 'comma-separated area codes, or "*" for every area')
    .option('--ttl <duration>', 'lifetime: seconds, or 15m, 8h, 1d', '8h')
    // Extra words are reported by name: `--areas *` unquoted becomes every file name in the directory.
    .allowExcessArguments()
    .action(async (options: Record<string, unknown>, command: Command) => {
      if (command.args.length > 0) {
        throw new CliFailure(
          `unexpected arguments: ${command.args.slice(0, 5).join(' ')}${command.args.length > 5 ? ' …' : ''}; if you wrote --areas * unquoted, the shell replaced * with file names: write --areas '*'`,
          2,
        );
      }
      const token = await mintDevToken(config(), options, (which) => process.stderr.write(`mappa: ${which}\n`));
      process.stdout.write(`${token}\n`);
    });
}
