import { aggregateStream } from '#libs/event-store';
/** The Entry aggregate's events: one stream per ID Number (`entry-<idNumber>`). */
export type EntryEvent = {
  type: 'CandidateEntered';
  data: {
    entryId: string;
    idNumber: string;
    secretHash: string;
    name: string;
    dateOfBirth: string;
    exam: string;
    centre: string;
  };
};

export const entryStream = aggregateStream<EntryEvent>('entry-');
export const entryStreamId = (idNumber: string) => entryStream.id(idNumber);
