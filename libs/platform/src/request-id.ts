import { randomUUID } from 'node:crypto';

export interface RequestWithId {
  id?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** The request id (x-request-id, set by the gateway) doubles as the correlation id of the events it causes. */
export function correlationIdOf(req: RequestWithId): string {
  const header = req.headers['x-request-id'];
  if (typeof header === 'string' && /^[\w-]{1,100}$/.test(header)) return header;
  return typeof req.id === 'string' ? req.id : randomUUID();
}
