/** Kafka topics, named `<service>.<aggregate>.v<N>`; every message is keyed by its aggregate id. */
export const Topics = {
  entries: 'results.entry.v1',
  results: 'results.result.v1',
  organisations: 'directory.organisation.v1',
  invitations: 'directory.invitation.v1',
  shares: 'sharing.share.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const allTopics: readonly Topic[] = Object.values(Topics);

/** Where a consumer puts a message it cannot process (malformed, schema-violating, or failing after retries). */
export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;
