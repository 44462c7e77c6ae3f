import type { VersionedDoc } from '#libs/projections';

/** What the parent hands a crash fixture process (as JSON in argv[2]). */
export interface CrashFixtureConfig {
  role: 'relay' | 'consumer';
  brokers: string[];
  mongoUri: string;
  db: string;
  namespace: string;
  /** Where to stop and wait to be killed: after the relay's publish, or after a handler's write. */
  stopAt?: 'published' | 'handled';
  /** The consumer stops after writing the effect of this event. */
  stopAtEventId?: string;
}

export type FixtureReport =
  | { stage: 'published'; eventIds: string[] }
  | { stage: 'drained'; count: number }
  | { stage: 'handled'; eventId: string }
  | { stage: 'listening' };

/** The consumer's read model: how many events took effect, and which. */
export interface ReadCount extends VersionedDoc {
  applied: number;
  eventIds: string[];
}
