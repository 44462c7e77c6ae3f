import type { OpenAPIObject } from '@nestjs/swagger';
import type { GatewayConfig, ServiceName } from '../gateway.config.js';
import { gatewayHealthPaths, gatewayHealthSchemas } from '../health/gateway-health.openapi.js';

/**
 * The public API's OpenAPI document: each service documents its own routes (its DTOs live with
 * it); the gateway merges their documents, keeping only the public `/api/v1` paths.
 */
export async function mergedOpenApi(config: GatewayConfig): Promise<OpenAPIObject> {
  const merged: OpenAPIObject = {
    openapi: '3.0.0',
    info: {
      title: 'Results Service API',
      version: '1',
      description: 'Candidates see and send their exam results; organisations receive and read them.',
    },
    paths: { ...gatewayHealthPaths },
    components: { schemas: { ...gatewayHealthSchemas }, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
  for (const name of Object.keys(config.services) as ServiceName[]) {
    try {
      const r = await fetch(`${config.services[name]}/openapi.json`, { signal: AbortSignal.timeout(5_000) });
      if (!r.ok) continue;
      const doc = (await r.json()) as OpenAPIObject;
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        if (path.startsWith('/api/v1/')) merged.paths[path] = item;
      }
      Object.assign(merged.components!.schemas!, doc.components?.schemas ?? {});
    } catch {
      // A service that is not up yet is left out; the document is rebuilt on the next request.
    }
  }
  return merged;
}
