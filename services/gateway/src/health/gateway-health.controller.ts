import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { GATEWAY_CONFIG, type GatewayConfig, type ServiceName } from '../gateway.config.js';
import type { ProxiedReply } from '../proxy/service.proxy.js';

/** 200 when the gateway and every service it needs answer their own /health; 503 (with details) otherwise. */
@ApiTags('health')
@Controller()
export class GatewayHealthController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Public()
  @Get('health')
  async health(@Res() reply: ProxiedReply): Promise<void> {
    const names = Object.keys(this.config.services) as ServiceName[];
    const checks = await Promise.all(
      names.map(async (name) => {
        try {
          const r = await fetch(`${this.config.services[name]}/health`, { signal: AbortSignal.timeout(3_000) });
          return [name, r.ok ? 'up' : `down (${r.status})`] as const;
        } catch (error) {
          return [name, `down (${(error as Error).message})`] as const;
        }
      }),
    );
    const services = Object.fromEntries(checks);
    const ok = checks.every(([, status]) => status === 'up');
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', services });
  }
}
