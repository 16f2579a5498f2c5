import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliFailure } from '../../src/infrastructure/cli/fail.js';
import { mappaProgram } from '../../src/infrastructure/cli/program.js';
import { loadConfig, type Config } from '../../src/infrastructure/config.js';
import { MAPPA_CLI, REPO, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir('usage');
afterAll(() => dir.remove());
const config = (() => {
  const loaded = loadConfig({ MAPPA_STORE: 'memory', MAPPA_DATA_DIR: dir.path });
  if (!loaded.ok) throw new Error('test configuration refused');
  return loaded.config;
})();

/** The one line a command-line mistake gets, and its exit code, from the program itself. */
async function refusal(args: readonly string[], configured: Config = config): Promise<{ message: string; exitCode: number }> {
  try {
    await mappaProgram(() => configured).parseAsync(['node', 'mappa', ...args]);
  } catch (error) {
    if (error instanceof CliFailure) return { message: error.message, exitCode: error.exitCode };
    throw error;
  }
  throw new Error(`mappa ${args.join(' ')} was not refused`);
}

const AGENCIES = 'police, probation, prison, youth-justice, health, children-services, adult-services, housing, other';
const token = ['token', '--sub', 'a', '--role', 'admin', '--agency', 'police'];

describe('Regression: command-line mistakes printed `unexpected error` and a zod dump, "Invalid input", or mixed exit codes', () => {
  it.each([
    ['--agency fbi (import)', ['import', join(dir.path, 'commands.ndjson'), '--agency', 'fbi'], `--agency: must be one of ${AGENCIES}`],
    ['--agency fbi (replay)', ['replay', 'c-1', '--agency', 'fbi'], `--agency: must be one of ${AGENCIES}`],
    ['--agency fbi (token)', ['token', '--sub', 'a', '--role', 'admin', '--agency', 'fbi', '--areas', 'cumbria'], `--agency: must be one of ${AGENCIES}`],
    ['an over-long --actor', ['replay', 'c-1', '--actor', 'x'.repeat(201)], '--actor: must be at most 200 characters'],
    ['--role boss', ['token', '--sub', 'a', '--role', 'boss', '--agency', 'police', '--areas', 'cumbria'], '--role: must be one of coordinator, reviewer, analyst, auditor, admin'],
    ['--areas narnia', [...token, '--areas', 'narnia'], '--areas: narnia is not an area code; must be "*" (quoted) or a comma-separated list of: avon-and-somerset,'],
    ['--area narnia', ['return', '--year', '2008-09', '--area', 'narnia'], '--area: must be england-and-wales or an area code: avon-and-somerset, bedfordshire,'],
    ['--year 2008', ['return', '--year', '2008', '--area', 'cumbria'], '--year: must be a reporting year written YYYY-YY, e.g. 2008-09'],
    ['--format xml', ['return', '--year', '2008-09', '--area', 'cumbria', '--format', 'xml'], "return: option '--format <format>' argument 'xml' is invalid. Allowed choices are json, csv, text."],
    ['--known-at yesterday', ['replay', 'c-1', '--known-at', 'yesterday'], '--known-at: must be an ISO 8601 instant with its offset'],
    ['a missing required option', ['token', '--sub', 'a', '--role', 'admin', '--agency', 'police'], "token: required option '--areas <areas>' not specified (comma-separated area codes, or \"*\" for every area)"],
    ['a missing required option with a list', ['token', '--sub', 'a', '--agency', 'police', '--areas', 'cumbria'], "token: required option '--role <role>' not specified (one of coordinator, reviewer, analyst, auditor, admin, data-protection)"],
    ['an unknown option', ['return', '--year', '2008-09', '--area', 'cumbria', '--colour'], "return: unknown option '--colour'; see mappa return --help"],
    ['an unknown command', ['frobnicate'], "unknown command 'frobnicate'; see mappa --help"],
    ['--areas * unquoted: the shell hands over file names', [...token, '--areas', 'README.md', 'package.json', 'src'], "unexpected arguments: package.json src; if you wrote --areas * unquoted, the shell replaced * with file names: write --areas '*'"],
    ['too many arguments elsewhere', ['replay', 'c-1', 'c-2'], "replay: too many arguments for 'replay'. Expected 1 argument but got 2.: c-1 c-2. An unquoted * is expanded by the shell into file names: quote it ('*')"],
    ['--concurrency 0', ['import', join(dir.path, 'commands.ndjson'), '--concurrency', '0'], '--concurrency: must be a whole number from 1 to 256'],
  ])('%s: one line naming the option and what it takes, exit 2', async (_name, args, expected) => {
    writeFileSync(join(dir.path, 'commands.ndjson'), '');
    const { message, exitCode } = await refusal(args);
    expect(exitCode).toBe(2);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/Invalid input|unexpected error|"code":/);
    expect(message.startsWith(expected)).toBe(true);
  });

  it('in a real process: the line on stderr, exit 2, nothing on stdout', async () => {
    const result = await runTs(MAPPA_CLI, ['token', '--sub', 'a', '--role', 'admin', '--agency', 'fbi', '--areas', 'cumbria'], { MAPPA_DATA_DIR: dir.path });
    expect(result).toEqual({ code: 2, stdout: '', stderr: `mappa: --agency: must be one of ${AGENCIES}\n` });
    const usage = await runTs(MAPPA_CLI, ['return', '--area', 'cumbria'], { MAPPA_DATA_DIR: dir.path });
    expect(usage).toEqual({ code: 2, stdout: '', stderr: "mappa: return: required option '--year <YYYY-YY>' not specified (reporting year, e.g. 2008-09)\n" });
  });
});

/** The installed command, `bin/mappa.js`, run from a directory of the operator's choosing. */
function mappaBin(args: readonly string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'mappa.js'), ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Regression: mappa token run in another directory silently created a secret there, which the server rejected', () => {
  it('finds the data directory as the server does (the package directory), and says which secret it used', async () => {
    const elsewhere = makeTempDir('elsewhere');
    try {
      const result = await mappaBin([...token, '--areas', 'cumbria'], {}, elsewhere.path);
      expect(result.code).toBe(0);
      expect(existsSync(join(elsewhere.path, 'data'))).toBe(false);
      expect(result.stderr).toMatch(new RegExp(`^mappa: (signed with|created a new) (the )?development secret ${join(REPO, 'data', 'jwt-secret')} \\(MAPPA_DATA_DIR\\)`));
      const again = await mappaBin([...token, '--areas', 'cumbria'], {}, elsewhere.path);
      expect(again.stderr).toBe(`mappa: signed with the development secret ${join(REPO, 'data', 'jwt-secret')} (MAPPA_DATA_DIR); the server accepts it if it uses the same data directory\n`);
      const configured = await mappaBin([...token, '--areas', 'cumbria'], { MAPPA_JWT_SECRET: 'a-configured-secret-for-the-token-test-0123' }, elsewhere.path);
      expect(configured.stderr).toBe('mappa: signed with MAPPA_JWT_SECRET\n');
    } finally {
      elsewhere.remove();
    }
  });
});

describe('mappa return --return-format 2024 for a year before its edition', () => {
  it('is refused with exit code 2, naming the formats that year offers', async () => {
    expect(await refusal(['return', '--year', '2020-21', '--area', 'durham', '--return-format', '2024'])).toEqual({
      message: '--return-format 2024 is not offered for 2020-21; that year offers 2008, 2015',
      exitCode: 2,
    });
  });
});
