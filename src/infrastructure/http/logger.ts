import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config.js';
import { stdoutDestination } from './log-destination.js';

type LoggedRequest = { method?: string; url?: string; ip?: string; routeOptions?: { url?: string } };

/**
 * The application log. It must never hold personal data (docs/CHECKS.md G3): request bodies are
 * never logged, URLs are logged without their query string, and credentials are redacted
 * wherever they could appear. It goes to stdout through a destination that drops what it cannot
 * write (log-destination.ts): a full disk under the log never stops the service.
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
    destination ?? stdoutDestination(),
  );
}
