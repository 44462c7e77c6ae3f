import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { healthBody, ReadinessRegistry } from './readiness.js';

interface Reply {
  status(code: number): Reply;
  send(body: unknown): unknown;
}

const startedAt = Date.now();

/**
 * `/health/live`: the process serves. `/health`: its database answers (launchers wait on it).
 * `/health/ready`: it has caught up (database, outbox, consumer lag; see ReadinessRegistry).
 * `/health` and `/health/ready` answer the same body, with each probe's backlog.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Up while the database answers; the body also carries readiness and each probe’s backlog' })
  @ApiResponse({ status: 200, description: 'The database answers' })
  @ApiResponse({ status: 503, description: 'The database does not answer' })
  async health(@Res() reply: Reply): Promise<void> {
    const report = await this.readiness.check();
    reply.status(report.database.up ? 200 : 503).send(healthBody(report, 'health'));
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'The process serves requests' })
  @ApiResponse({ status: 200, description: 'Always, while serving' })
  live() {
    return { status: 'ok', service: this.readiness.serviceName, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Ready: the database answers and the outbox and consumers have caught up' })
  @ApiResponse({ status: 200, description: 'Ready' })
  @ApiResponse({ status: 503, description: 'Not ready (same body, with what blocks it)' })
  async ready(@Res() reply: Reply): Promise<void> {
    const report = await this.readiness.check();
    reply.status(report.ready ? 200 : 503).send(healthBody(report, 'ready'));
  }
}
