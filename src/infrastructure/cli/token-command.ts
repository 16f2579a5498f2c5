import { Command } from 'commander';
import { z } from 'zod';
import { safeText } from '../../domain/shared/safe-text.js';
import { agency } from '../../domain/shared/agencies.js';
import { areaCode } from '../../domain/shared/areas.js';
import { role } from '../auth/actor.js';
import { signingSecret } from '../auth/jwt-key.js';
import { mintToken, parseTtl } from '../auth/mint-token.js';
import { ALL_AREAS, type Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import { CliFailure } from './fail.js';

const tokenOptions = z.object({
  sub: safeText(200),
  role,
  agency,
  areas: z.string().transform((text, ctx): Principal['areas'] => {
    if (text.trim() === ALL_AREAS) return ALL_AREAS;
    const codes = text.split(',').map((code) => code.trim()).filter((code) => code !== '');
    const parsed = z.array(areaCode).min(1).safeParse(codes);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'must be "*" or a comma-separated list of area codes (e.g. cumbria,lancashire)' });
      return z.NEVER;
    }
    return parsed.data;
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
export async function mintDevToken(config: Config, options: Record<string, unknown>): Promise<string> {
  if (config.env === 'production') {
    throw new CliFailure('`mappa token` is for development and tests; in production tokens come from your identity provider');
  }
  const parsed = tokenOptions.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliFailure(`--${String(issue.path[0])} ${issue.message}`, 2);
  }
  const secret = signingSecret(config);
  if (secret === undefined) {
    throw new CliFailure('this server verifies tokens with MAPPA_JWT_PUBLIC_KEY; mint tokens with the matching private key instead');
  }
  const { sub, role: tokenRole, agency: tokenAgency, areas, ttl } = parsed.data;
  return mintToken({ sub, role: tokenRole, agency: tokenAgency, areas }, { secret, ttlSeconds: ttl, issuer: config.jwt.issuer, audience: config.jwt.audience });
}

export function tokenCommand(config: () => Config): Command {
  return new Command('token')
    .description('print a development bearer token signed with the local secret (refused in production)')
    .requiredOption('--sub <subject>', 'token subject: who the caller is')
    .requiredOption('--role <role>', 'coordinator | reviewer | analyst | auditor | admin')
    .requiredOption('--agency <agency>', 'police | probation | prison | youth-justice | health | children-services | adult-services | housing | other')
    .requiredOption('--areas <areas>', 'comma-separated area codes, or "*" for every area')
    .option('--ttl <duration>', 'lifetime: seconds, or 15m, 8h, 1d', '8h')
    .action(async (options: Record<string, unknown>) => {
      process.stdout.write(`${await mintDevToken(config(), options)}\n`);
    });
}
