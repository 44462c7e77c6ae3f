import 'reflect-metadata';
import { ValidationPipe, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import kafkajs, { type Admin } from 'kafkajs';
import { KafkaBatchTransport } from '#libs/messaging';
import { DomainExceptionFilter } from './domain-exception.filter.js';
import { consumerLagProbe } from './kafka-lag.js';
import { CONSUMER_LAG_PROBE, ReadinessRegistry } from './readiness.js';
import type { ServiceInfrastructure } from './infrastructure.js';

export interface RunningService {
  name: string;
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  port: number;
  host?: string;
  /** Whether the app's `@EventPattern` handlers consume (false for the gateway). */
  consumes: boolean;
  /** Extra set-up before listening (static files, ...). */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

/** Validation at the edge: unknown fields, wrong types and operator objects are refused with a 400. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
  });

/** Starts one service as a Fastify NestJS app: validation, the error filter, OpenAPI, its consumers. */
export async function startService(
  module: DynamicModule,
  infra: ServiceInfrastructure,
  options: StartOptions,
): Promise<RunningService> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ bodyLimit: 64 * 1024, trustProxy: true }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`${infra.serviceName} service`).setVersion('1').addBearerAuth().build(),
  );
  app.getHttpAdapter().get('/openapi.json', (_req: unknown, reply: { send(body: unknown): void }) => reply.send(document));
  await options.configure?.(app);
  let lagAdmin: Admin | null = null;
  if (options.consumes) {
    app.connectMicroservice(infra.consumerTransport, { inheritAppConfig: true });
    await app.startAllMicroservices();
    lagAdmin = await registerConsumerLag(app.get(ReadinessRegistry), infra);
  }
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    name: infra.serviceName,
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await lagAdmin?.disconnect();
    },
  };
}

/** Readiness waits for the service's consumer group to catch up (Kafka lag, or the in-process bus). */
async function registerConsumerLag(readiness: ReadinessRegistry, infra: ServiceInfrastructure): Promise<Admin | null> {
  const { strategy } = infra.consumerTransport as { strategy?: unknown };
  if (strategy instanceof KafkaBatchTransport && strategy.subscription && infra.kafka) {
    const { groupId, topics } = strategy.subscription;
    const admin = new kafkajs.Kafka({ clientId: `${groupId}-lag`, brokers: infra.kafka.brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    readiness.register(CONSUMER_LAG_PROBE, consumerLagProbe(admin, groupId, topics));
    return admin;
  }
  const bus = infra.bus;
  if (bus) readiness.register(CONSUMER_LAG_PROBE, () => Promise.resolve({ backlog: bus.lag() }));
  return null;
}

/**
 * A service process stops cleanly on SIGTERM/SIGINT: its consumer leaves the group at once (a
 * restarted instance then joins without waiting out the old member's session), in-flight work
 * ends, connections close. A second signal exits at once.
 */
export function closeOnSignals(service: { close(): Promise<void> }, infra?: ServiceInfrastructure): void {
  let closing = false;
  const stop = () => {
    if (closing) process.exit(1);
    closing = true;
    service
      .close()
      .then(async () => {
        await infra?.publisher.close();
        await infra?.documents.close();
      })
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
