import { connect, type Socket } from 'node:net';

/** One response as read off the wire, and how the connection ended. */
export type RawResponse = {
  readonly raw: string;
  readonly status: number | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Milliseconds from connecting until the server closed the connection (null: still open at the deadline). */
  readonly closedAfterMs: number | null;
};

export function parseRawResponse(raw: string, closedAfterMs: number | null): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine);
  const headers = Object.fromEntries(
    lines.filter((line) => line.includes(':')).map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { raw, status: status ? Number(status[1]) : null, headers, body: end === -1 ? '' : raw.slice(end + 4), closedAfterMs };
}

/**
 * Sends bytes over a plain TCP connection (no HTTP client to tidy them up), in pieces with
 * pauses when asked, and reads until the server closes the connection or the deadline passes.
 */
export function rawExchange(
  port: number,
  pieces: readonly (string | Buffer | { readonly pauseMs: number })[],
  options: { readonly deadlineMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve(parseRawResponse(received, closed ? Date.now() - started : null));
    };
    const deadline = setTimeout(() => finish(false), options.deadlineMs ?? 5000);
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish(true) : reject(error)));
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (settled || socket.destroyed) return;
        if (typeof piece === 'object' && !Buffer.isBuffer(piece)) await new Promise((r) => setTimeout(r, piece.pauseMs));
        else socket.write(piece);
      }
    });
  });
}
