/**
 * Whether the server should receive traffic. On SIGTERM readiness fails first, so a load
 * balancer stops sending requests while the ones in flight finish.
 */
export class Lifecycle {
  #shuttingDown = false;

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  beginShutdown(): void {
    this.#shuttingDown = true;
  }
}
