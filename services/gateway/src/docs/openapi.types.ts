import type { OpenAPIObject } from '@nestjs/swagger';

export type Paths = OpenAPIObject['paths'];
export type PathItem = Paths[string];
export type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

/** An operation as the merge reads and completes it (a loose view of OpenAPI's OperationObject). */
export interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, unknown>; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** A schema object, walked structurally. */
export type JsonSchema = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Whether the gateway routes a method and a path template (`/api/v1/me/results/{resultId}/statement`). */
export type IsRouted = (method: HttpMethod, path: string) => boolean;
