import { START, streamNameFilter, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import type { StoredEvent, Subscription } from '../eventstore.js';
import { backoffDelay, sleep, type BackoffPolicy } from './backoff.js';
import { consume } from './consume.js';
import { decodeGlobalPosition } from './global-position.js';
import { toPortError } from './map-error.js';
import { streamNameFilterFor } from './read-all.js';
import { toStoredEvent } from './to-stored-event.js';
import { isTransient } from './transient-error.js';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

type SubscriptionSettings = {
  readonly after: bigint | undefined;
  readonly streamPrefixes: readonly string[] | undefined;
  readonly resubscribe: BackoffPolicy;
  readonly onClose: (subscription: EventStoreDbSubscription) => void;
};

/**
 * A catch-up subscription to $all that outlives the connection: the client's subscription
 * ends with the first dropped connection, so this one subscribes again, after a backoff that
 * grows while the server stays away, from the last event it handed out (the server's start
 * position is exclusive), for as long as it is not closed. Nothing is skipped, and an event at
 * or before that position is never handed out twice. A failure that is not the connection's
 * (access denied, an event it cannot read) ends the iteration with that error: loudly, never
 * by going quiet.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly #client: EventStoreDBClient;
  readonly #settings: SubscriptionSettings;
  readonly #closing = new AbortController();
  readonly #events: AsyncGenerator<StoredEvent, undefined, undefined>;
  #after: bigint | undefined;
  #current: { unsubscribe(): Promise<void> } | undefined;
  #inFlight: Promise<unknown> = Promise.resolve();

  constructor(client: EventStoreDBClient, settings: SubscriptionSettings) {
    this.#client = client;
    this.#settings = settings;
    this.#after = settings.after === undefined || settings.after < 0n ? undefined : settings.after;
    this.#events = this.#follow();
  }

  get closed(): boolean {
    return this.#closing.signal.aborted;
  }

  next(): Promise<IteratorResult<StoredEvent, undefined>> {
    // One pull at a time, so two concurrent next() calls never see the generator re-entered.
    const result = this.#inFlight.then(() => (this.closed ? DONE : this.#events.next()));
    this.#inFlight = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.#closing.abort();
      this.#settings.onClose(this);
      await this.#current?.unsubscribe().catch(() => undefined);
    }
    await this.#inFlight;
    await this.#events.return(undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent, undefined> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return DONE;
      },
    };
  }

  async *#follow(): AsyncGenerator<StoredEvent, undefined, undefined> {
    const names = streamNameFilterFor(this.#settings.streamPrefixes);
    const filter = 'regex' in names ? streamNameFilter({ regex: names.regex }) : streamNameFilter({ prefixes: [...names.prefixes] });
    let failures = 0;
    while (!this.closed) {
      const subscription = this.#client.subscribeToAll({
        fromPosition: this.#after === undefined ? START : decodeGlobalPosition(this.#after),
        filter,
      });
      this.#current = subscription;
      subscription.on('confirmation', () => {
        failures = 0;
      });
      let failure: unknown;
      try {
        for await (const resolved of consume<AllStreamResolvedEvent>(subscription)) {
          if (resolved.event === undefined) continue;
          const event = toStoredEvent(resolved.event);
          if (this.#after !== undefined && event.globalPosition <= this.#after) continue;
          this.#after = event.globalPosition;
          yield event;
        }
      } catch (error) {
        failure = error;
      } finally {
        // Leaving early (close, a bad event) must also end the call on the server.
        await subscription.unsubscribe().catch(() => undefined);
      }
      if (this.closed) break;
      if (failure !== undefined && !isTransient(failure)) throw toPortError(failure);
      await sleep(backoffDelay(this.#settings.resubscribe, failures++), this.#closing.signal);
    }
    return undefined;
  }
}
