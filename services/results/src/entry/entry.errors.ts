/** The codes (`AREA.REASON`) of the entry aggregate's refusals: part of the public error contract. */
export const EntryErrors = {
  EXISTS: 'ENTRY.EXISTS',
  NOT_FOUND: 'ENTRY.NOT_FOUND',
} as const;
