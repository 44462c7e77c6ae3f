import type { OpenAPIObject } from '@nestjs/swagger';

type Paths = OpenAPIObject['paths'];
type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

/** The schemas of the gateway's own health answers (see service-health.ts). */
export const gatewayHealthSchemas: Schemas = {
  ServiceHealth: {
    type: 'object',
    required: ['status', 'ready', 'backlog'],
    properties: {
      status: { type: 'string', enum: ['up', 'down'], description: 'up: the service answered 200' },
      ready: { type: 'boolean', description: 'The service has caught up with its outbox and its Kafka consumers' },
      backlog: {
        type: 'object',
        additionalProperties: { type: 'number', nullable: true },
        description: 'Each readiness probe’s backlog (e.g. outbox, consumer-lag); null when the probe failed',
      },
      httpStatus: { type: 'integer' },
      error: { type: 'string', description: 'Why the service is down or not ready' },
      instances: {
        type: 'object',
        required: ['total', 'up', 'ready'],
        properties: { total: { type: 'integer' }, up: { type: 'integer' }, ready: { type: 'integer' } },
        description: 'With several instances: how many the gateway knows, how many are up and how many ready (the rest of the entry is the best one’s)',
      },
    },
  },
  GatewayHealth: {
    type: 'object',
    required: ['status', 'ready', 'services'],
    properties: {
      status: { type: 'string', enum: ['ok', 'error'] },
      ready: { type: 'boolean', description: 'Every service is ready' },
      services: { type: 'object', additionalProperties: { $ref: '#/components/schemas/ServiceHealth' } },
    },
  },
};

const answer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayHealth' } } },
});

/** The gateway's own public routes outside /api/v1 that the merged document describes. */
export const gatewayHealthPaths: Paths = {
  '/health': {
    get: {
      tags: ['health'],
      operationId: 'gatewayHealth',
      summary: 'Every service is up (its database answers); each service’s readiness and backlog',
      security: [],
      responses: { '200': answer('Every service is up'), '503': answer('A service is down') },
    },
  },
  '/health/ready': {
    get: {
      tags: ['health'],
      operationId: 'gatewayReady',
      summary: 'Every service is ready: caught up with its outbox and its Kafka consumers',
      security: [],
      responses: { '200': answer('Every service is ready'), '503': answer('A service is not ready (or down)') },
    },
  },
};
