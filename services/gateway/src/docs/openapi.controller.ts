import { Controller, Get, Header, Inject } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Public } from '#libs/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { mergedOpenApi } from './openapi.merge.js';
import type { HttpMethod } from './openapi.types.js';

const SWAGGER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Results Service API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui' });</script>
</body></html>`;

@ApiExcludeController()
@Controller('api')
export class OpenApiController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly adapter: HttpAdapterHost,
  ) {}

  @Public()
  @Get('docs-json')
  document() {
    // The gateway's own router says which operations it forwards (parameter names do not matter to it).
    const router = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    const isRouted = (method: HttpMethod, path: string) =>
      router.hasRoute({ method: method.toUpperCase(), url: path.replace(/\{(\w+)\}/g, ':$1') });
    return mergedOpenApi(this.config, isRouted);
  }

  @Public()
  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return SWAGGER_PAGE;
  }
}
