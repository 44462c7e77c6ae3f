import { Body, Controller, Delete, Get, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganisationUser, Roles, type OrganisationUserPrincipal } from '#libs/auth';
import { DomainError } from '#libs/domain';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { WEBHOOK_CONFIG, type WebhookConfig } from '../webhook.config.js';
import { WebhookErrors } from '../webhook.errors.js';
import { newWebhookSecret } from '../webhook.signature.js';
import { checkWebhookUrl } from '../webhook-url.js';
import { WebhookSubscriptions, type LastDelivery } from '../webhook-subscriptions.js';
import { PutWebhookRequest } from './manage-webhook.request.dto.js';
import { WebhookCreatedResponse, WebhookResponse } from './manage-webhook.response.dto.js';

/** An organisation's one webhook for its share events: ResultShared, ResultRead, ShareWithdrawn, ShareAmended (see WEBHOOKS.md; a 2xx records ShareDelivered, which goes to Kafka and the timeline, not back to the webhook). */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/webhook')
export class ManageWebhookHttpController {
  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  @Put()
  @HttpCode(200)
  @Roles('organisation')
  @ApiOperation({ operationId: 'putWebhook', summary: 'Sets the organisation’s webhook (https; not to a private or loopback address)' })
  @ApiOkResponse({ type: WebhookCreatedResponse, description: '`{url, secret, createdAt}`: the signing secret is shown only here; a new PUT replaces the webhook and its secret.' })
  async put(@Body() body: PutWebhookRequest, @CurrentOrganisationUser() user: OrganisationUserPrincipal): Promise<{ url: string; secret: string; createdAt: string }> {
    const { organisationId } = user;
    const url = checkWebhookUrl(body.url, this.config.allowPrivateAddresses);
    const secret = newWebhookSecret();
    const createdAt = this.infra.clock.now().toISOString();
    await this.subscriptions.put(organisationId, url, secret, createdAt);
    return { url, secret, createdAt };
  }

  @Get()
  @Roles('organisation')
  @ApiOperation({ operationId: 'getWebhook', summary: 'The organisation’s webhook and its last delivery' })
  @ApiOkResponse({ type: WebhookResponse, description: '`{url, createdAt, lastDelivery: {at, status} | null}`; status 0 means no HTTP answer.' })
  @ApiNotFoundResponse({ description: 'The organisation has no webhook.' })
  async get(@CurrentOrganisationUser() user: OrganisationUserPrincipal): Promise<{ url: string; createdAt: string; lastDelivery: LastDelivery | null }> {
    const found = await this.subscriptions.find(user.organisationId);
    if (!found) throw new DomainError('not-found', WebhookErrors.NOT_FOUND, 'This organisation has no webhook.');
    return { url: found.url, createdAt: found.createdAt, lastDelivery: found.lastDelivery };
  }

  @Delete()
  @HttpCode(204)
  @Roles('organisation')
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Removes the organisation’s webhook' })
  @ApiNoContentResponse({ description: 'The webhook is gone (also when there was none); nothing more is sent to it.' })
  async remove(@CurrentOrganisationUser() user: OrganisationUserPrincipal): Promise<void> {
    await this.subscriptions.remove(user.organisationId);
  }
}
