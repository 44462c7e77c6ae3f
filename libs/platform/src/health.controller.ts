import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '#libs/auth';
import { INFRA, type ServiceInfrastructure } from './infrastructure.js';

/** Readiness of one service: its own database answers. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  @Public()
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('database');
        try {
          await this.infra.documents.ping();
          return session.up();
        } catch (error) {
          return session.down({ message: (error as Error).message });
        }
      },
    ]);
  }
}
