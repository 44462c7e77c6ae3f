import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { mergedOpenApi } from './openapi.merge.js';

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
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Public()
  @Get('docs-json')
  document() {
    return mergedOpenApi(this.config);
  }

  @Public()
  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return SWAGGER_PAGE;
  }
}
