import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Swagger UI scripts the documentation page loads, as installed. */
const SCRIPTS = ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];

let hashes: string[] | undefined;

/**
 * CSP hashes (`sha256-…`) of the stylesheets Swagger UI's scripts insert as `<style>` elements,
 * read from the installed scripts: React's `createElement("style", null, "<css>")` with a literal
 * text. A page with `style-src 'self'` alone blocks them and logs a CSP error in the browser.
 */
export function swaggerUiInlineStyleHashes(): string[] {
  if (hashes !== undefined) return hashes;
  const found = new Set<string>();
  try {
    const staticDir = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static');
    for (const script of SCRIPTS) {
      const source = readFileSync(join(staticDir, script), 'utf8');
      for (const match of source.matchAll(/createElement\("style",null,"((?:[^"\\]|\\.)*)"\)/g)) {
        const css = JSON.parse(`"${match[1]!}"`) as string;
        found.add(`sha256-${createHash('sha256').update(css).digest('base64')}`);
      }
    }
  } catch {
    // Without the scripts there is no page to allow anything on.
  }
  hashes = [...found].sort();
  return hashes;
}
