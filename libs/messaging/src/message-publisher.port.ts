/** A message for a topic: the value is the JSON of an integration envelope (or, for dead letters, anything). */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** Publishes messages; resolves once the broker (or the in-process bus) has them. Order is kept per key. */
export interface MessagePublisher {
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}
