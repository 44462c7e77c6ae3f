/** The codes (`AREA.REASON`) of the organisation aggregate's refusals: part of the public error contract. */
export const OrganisationErrors = {
  EXISTS: 'ORGANISATION.EXISTS',
  NO_ACCOUNT: 'ORGANISATION.NO_ACCOUNT',
  DUPLICATE_DEPARTMENT: 'ORGANISATION.DUPLICATE_DEPARTMENT',
} as const;
