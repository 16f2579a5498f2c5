/** One event as the test server stores it: a self-committed prepare, so commit == prepare == its log position. */
export type RecordedEvent = {
  readonly streamName: string;
  readonly revision: bigint;
  /** Canonical lower-case UUID string. */
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` metadata carries them. */
  readonly created: bigint;
  readonly logPosition: bigint;
};

export type ProposedEvent = {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
};

/** The server's numeric expected versions: any -2, no_stream -1, stream_exists -4, else the revision. */
export const ExpectedVersion = { any: -2n, noStream: -1n, streamExists: -4n } as const;
