/**
 * A service-to-service route, served only on the service's internal listener (never on the API
 * port the gateway forwards to). A thrown DomainError becomes the usual error body and status.
 */
export interface InternalRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A Fastify path, e.g. `/internal/organisation-users` or `/internal/things/:id`. */
  path: string;
  handle(req: { params: Record<string, string>; body: unknown }): Promise<{ status: number; body?: unknown }>;
}
