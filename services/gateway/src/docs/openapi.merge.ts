import type { OpenAPIObject } from '@nestjs/swagger';
import { configuredInstances, type GatewayConfig, type ServiceName } from '../gateway.config.js';
import { gatewayHealthPaths, gatewayHealthSchemas } from '../health/gateway-health.openapi.js';
import { completeErrorResponses, errorSchemas } from './openapi.errors.js';
import { RequestSchemaCompleter } from './openapi.requests.js';
import { HTTP_METHODS, type IsRouted, type Operation, type PathItem } from './openapi.types.js';

/**
 * The public API's OpenAPI document: each service documents its own routes (its DTOs live with
 * it); the gateway merges their documents, keeping only the operations it routes, and adds what
 * it answers itself (401, 403, 429, 503, body limits) and the platform's request rules.
 */
export async function mergedOpenApi(config: GatewayConfig, isRouted: IsRouted): Promise<OpenAPIObject> {
  const merged: OpenAPIObject = {
    openapi: '3.0.3',
    info: {
      title: 'Results Service API',
      version: '1',
      description: 'Candidates see and send their exam results; organisations receive and read them.',
    },
    paths: structuredClone(gatewayHealthPaths),
    components: {
      schemas: { ...structuredClone(gatewayHealthSchemas), ...structuredClone(errorSchemas) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
  for (const name of Object.keys(config.services) as ServiceName[]) {
    // Every instance of a service serves the same document: the first that answers gives it.
    for (const { internalUrl } of configuredInstances(config, name)) {
      try {
        const r = await fetch(`${internalUrl}/openapi.json`, { signal: AbortSignal.timeout(5_000) });
        if (!r.ok) continue;
        addService(merged, name, (await r.json()) as OpenAPIObject, isRouted);
        break;
      } catch {
        // A service that is not up yet is left out; the document is rebuilt on the next request.
      }
    }
  }
  const requests = new RequestSchemaCompleter(merged.components!.schemas!);
  for (const item of Object.values(merged.paths)) {
    for (const operation of operationsOf(item)) {
      completeErrorResponses(operation);
      requests.operation(operation);
    }
  }
  return merged;
}

function operationsOf(item: PathItem): Operation[] {
  const record = item as Record<string, Operation | undefined>;
  return HTTP_METHODS.map((m) => record[m]).filter((o): o is Operation => o !== undefined);
}

/** Adds one service's routed operations and the schemas they use; a schema name another service took is prefixed. */
function addService(merged: OpenAPIObject, service: ServiceName, source: OpenAPIObject, isRouted: IsRouted): void {
  const schemas = merged.components!.schemas!;
  let text = JSON.stringify(source);
  const renamed = new Set<string>();
  for (const [schemaName, schema] of Object.entries(source.components?.schemas ?? {})) {
    if (schemas[schemaName] && JSON.stringify(schemas[schemaName]) !== JSON.stringify(schema)) {
      renamed.add(schemaName);
      text = text.replaceAll(`"#/components/schemas/${schemaName}"`, `"#/components/schemas/${service}.${schemaName}"`);
    }
  }
  const doc = JSON.parse(text) as OpenAPIObject;
  for (const [schemaName, schema] of Object.entries(doc.components?.schemas ?? {})) {
    schemas[renamed.has(schemaName) ? `${service}.${schemaName}` : schemaName] = schema;
  }
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/api/v1/')) continue;
    const routed: Record<string, unknown> = {};
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, unknown>)[method];
      if (operation && isRouted(method, path)) routed[method] = operation;
    }
    if (Object.keys(routed).length > 0) merged.paths[path] = { ...(merged.paths[path] ?? {}), ...routed };
  }
}
