import { randomUUID } from 'node:crypto';

export interface RequestWithId {
  id?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

const SANE_ID = /^[\w-]{1,100}$/;

/** The caller's x-request-id when it is sane, otherwise a new one. */
export function requestIdOf(headers: RequestWithId['headers']): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

/** The request id (x-request-id, set by the gateway) doubles as the correlation id of the events it causes. */
export function correlationIdOf(req: RequestWithId): string {
  const header = req.headers['x-request-id'];
  if (typeof header === 'string' && SANE_ID.test(header)) return header;
  return typeof req.id === 'string' ? req.id : randomUUID();
}
