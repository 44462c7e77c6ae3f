import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import type { ServiceName } from '../gateway.config.js';
import type { ProxiedReply } from '../proxy/service.proxy.js';
import { UpstreamPool } from '../upstreams/upstream-pool.js';
import { aggregateHealth, askService, type ServiceAnswer } from './service-health.js';

/**
 * `/health`: 200 while every service has an instance answering its own /health (launchers wait on
 * it), with each service's readiness and backlog. `/health/ready`: 200 only when every service has
 * an instance whose /health/ready is 200 (caught up with its outbox and its Kafka consumers). 503 with the same body otherwise.
 * Documented in the merged OpenAPI (see gateway-health.openapi.ts).
 */
@ApiTags('health')
@Controller('health')
export class GatewayHealthController {
  constructor(private readonly pool: UpstreamPool) {}

  @Public()
  @Get()
  async health(@Res() reply: ProxiedReply): Promise<void> {
    const health = aggregateHealth(await this.ask('/health'), 'health');
    reply.status(health.status === 'ok' ? 200 : 503).send(health);
  }

  @Public()
  @Get('ready')
  async ready(@Res() reply: ProxiedReply): Promise<void> {
    const health = aggregateHealth(await this.ask('/health/ready'), 'ready');
    reply.status(health.status === 'ok' ? 200 : 503).send(health);
  }

  /** Asks every known instance of every service, now (the balancer's own check may be a second old). */
  private async ask(path: '/health' | '/health/ready'): Promise<Partial<Record<ServiceName, ServiceAnswer[]>>> {
    const names: ServiceName[] = ['identity', 'results', 'directory', 'sharing'];
    const answers = await Promise.all(
      names.map(async (name) => [name, await Promise.all(this.pool.instances(name).map((i) => askService(i.internalUrl, path)))] as const),
    );
    return Object.fromEntries(answers);
  }
}
