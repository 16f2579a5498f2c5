import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';

type LoggedRequest = { method?: string; url?: string; ip?: string; routeOptions?: { url?: string } };

/**
 * The application log. It must never hold personal data (CHECKS.md G3): request bodies are
 * never logged, URLs are logged without their query string, and credentials are redacted
 * wherever they could appear.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mappa-engine' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["idempotency-key"]',
          'req.headers["x-purpose"]',
          'headers.authorization',
          'authorization',
          'token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (request: LoggedRequest) => ({
          method: request.method,
          url: request.url?.split('?')[0],
          route: request.routeOptions?.url,
          remoteAddress: request.ip,
        }),
      },
    },
    destination,
  );
}
