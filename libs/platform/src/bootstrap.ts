import 'reflect-metadata';
import type { IncomingHttpHeaders } from 'node:http';
import { ValidationPipe, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { LoggerService } from '@nestjs/common';
import kafkajs, { type Admin } from 'kafkajs';
import { KafkaBatchTransport } from '#libs/messaging';
import { DomainExceptionFilter } from './domain-exception.filter.js';
import { hardenRequests } from './http/json-body.parser.js';
import { startInternalListener } from './http/internal-listener.js';
import type { InternalRoute } from './http/internal-route.js';
import { quietNestBootstrap } from './logging/nest-bootstrap.logger.js';
import { runAsService } from './logging/service-context.js';
import { observeHttp } from './http/observe-http.js';
import { requestIdOf } from './request-id.js';
import { consumerLagProbe } from './kafka-lag.js';
import { CONSUMER_LAG_PROBE, ReadinessRegistry } from './readiness.js';
import type { ServiceInfrastructure } from './infrastructure.js';
import { traceHttpRequests } from './tracing/http-tracing.js';
import { shutdownTracing } from './tracing/tracing.js';

export interface RunningService {
  name: string;
  app: NestFastifyApplication;
  /** The API: `/api/v1/...` (and identity's `/.well-known/jwks.json`), what the gateway forwards to. */
  url: string;
  /** Health, readiness, metrics, the OpenAPI document and internal routes (see internal-listener.ts). */
  internalUrl: string;
  close(): Promise<void>;
}

export interface StartOptions {
  port: number;
  host?: string;
  /** Whether the app's `@EventPattern` handlers consume (false for the gateway). */
  consumes: boolean;
  /** Extra set-up before listening (static files, ...). */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
  /** Service-to-service routes, served on the internal listener only. */
  internalRoutes?: (app: NestFastifyApplication) => InternalRoute[];
  /**
   * The internal listener's port: `infra.internalPort` (INTERNAL_PORT) when set, else PORT + 1000
   * in distributed mode, else any free port (embedded mode, tests).
   */
  internalPort?: number;
}

/** Which peers may tell a service the client's address (X-Forwarded-For): the gateway only. */
export const DEFAULT_SERVICE_TRUST_PROXY = 'loopback';

function internalPortOf(infra: ServiceInfrastructure, options: StartOptions): number {
  if (options.internalPort !== undefined) return options.internalPort;
  if (infra.internalPort !== undefined) return infra.internalPort;
  return infra.mode === 'distributed' && options.port !== 0 ? options.port + 1000 : 0;
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

/** The app's logger, with Nest's bootstrap lines (modules, routes) at debug: the launchers print a banner. */
export const serviceLogger = (app: NestFastifyApplication): LoggerService => quietNestBootstrap(app.get(Logger));

/**
 * Starts one service as a Fastify NestJS app: hardened JSON bodies and queries, validation, the
 * error filter, HTTP metrics, its consumers; then its internal listener (health, metrics, OpenAPI,
 * internal routes). All of it runs as the service (logging/service-context.ts: its log lines name it).
 */
export function startService(
  module: DynamicModule,
  infra: ServiceInfrastructure,
  options: StartOptions,
): Promise<RunningService> {
  return runAsService(infra.serviceName, () => startApp(module, infra, options));
}

async function startApp(
  module: DynamicModule,
  infra: ServiceInfrastructure,
  options: StartOptions,
): Promise<RunningService> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    // The request id: the gateway's x-request-id (log lines, the events' correlation id), else a new one.
    new FastifyAdapter({
      bodyLimit: 64 * 1024,
      trustProxy: infra.trustProxy ?? DEFAULT_SERVICE_TRUST_PROXY,
      genReqId: (req: { headers: IncomingHttpHeaders }) => requestIdOf(req.headers),
    }),
    // Nest's own JSON parser is replaced by the hardened one (depth limit, text policy).
    { bufferLogs: true, bodyParser: false },
  );
  hardenRequests(app.getHttpAdapter().getInstance());
  traceHttpRequests(app.getHttpAdapter().getInstance());
  await observeHttp(app, infra.serviceName);
  app.useLogger(serviceLogger(app));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`${infra.serviceName} service`).setVersion('1').addBearerAuth().build(),
  );
  await options.configure?.(app);
  let lagAdmin: Admin | null = null;
  if (options.consumes) {
    app.connectMicroservice(infra.consumerTransport, { inheritAppConfig: true });
    await app.startAllMicroservices();
    lagAdmin = await registerConsumerLag(app.get(ReadinessRegistry), infra);
  }
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port, host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const internal = await startInternalListener(app, {
    port: internalPortOf(infra, options),
    host,
    document,
    routes: options.internalRoutes?.(app) ?? [],
  }).catch(async (error: unknown) => {
    await app.close();
    await lagAdmin?.disconnect();
    throw error;
  });
  return {
    name: infra.serviceName,
    app,
    url: `http://127.0.0.1:${port}`,
    internalUrl: internal.url,
    close: () =>
      runAsService(infra.serviceName, async () => {
        await internal.close();
        await app.close();
        await lagAdmin?.disconnect();
      }),
  };
}

/** Readiness waits for the service's consumer group to catch up (Kafka lag, or the in-process bus). */
async function registerConsumerLag(
  readiness: ReadinessRegistry,
  infra: ServiceInfrastructure,
): Promise<Admin | null> {
  const { strategy } = infra.consumerTransport as { strategy?: unknown };
  if (strategy instanceof KafkaBatchTransport && strategy.subscription && infra.kafka) {
    const { groupId, topics } = strategy.subscription;
    const admin = new kafkajs.Kafka({
      clientId: `${groupId}-lag`,
      brokers: infra.kafka.brokers,
      logLevel: kafkajs.logLevel.NOTHING,
    }).admin();
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
      // The spans still batched are exported before the process exits.
      .then(() => shutdownTracing())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
