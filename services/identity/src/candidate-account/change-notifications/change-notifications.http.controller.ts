import { Body, Controller, HttpCode, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCandidate, Roles, type CandidatePrincipal } from '#libs/auth';
import type { NotificationSettings } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import { correlationIdOf, mailLanguageOf, type RequestWithId } from '#libs/platform';
import { CandidateAccountErrors } from '../candidate-account.errors.js';
import { ChangeNotificationsCommand } from './change-notifications.command.js';
import { ChangeNotificationsRequest } from './change-notifications.request.dto.js';
import { NotificationSettingsResponse } from './change-notifications.response.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/notifications')
export class ChangeNotificationsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    operationId: 'updateNotifications',
    summary: 'Opts in to (or out of) e-mails: when an organisation opens a result you sent, when a result of yours is amended (written in the portal’s language)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        shareOpened: { type: 'boolean', description: 'An e-mail when an organisation opens a result you sent it' },
        resultAmended: { type: 'boolean', description: 'An e-mail when the exam centre amends one of your results' },
      },
    },
  })
  @ApiOkResponse({ type: NotificationSettingsResponse })
  @ApiBadRequestResponse({ description: 'Neither setting given, or a setting that is not true or false.' })
  @ApiNotFoundResponse({ description: 'The token names an account that does not exist.' })
  @Put()
  @HttpCode(200)
  @Roles('candidate')
  change(
    @Body() body: ChangeNotificationsRequest,
    @CurrentCandidate() user: CandidatePrincipal,
    @Req() req: RequestWithId,
  ): Promise<NotificationSettings> {
    if (body.shareOpened === undefined && body.resultAmended === undefined) {
      throw new DomainError('invalid', CandidateAccountErrors.NOTIFICATIONS_EMPTY, 'Give shareOpened or resultAmended (true or false), or both.');
    }
    const settings = {
      ...(body.shareOpened !== undefined ? { shareOpened: body.shareOpened } : {}),
      ...(body.resultAmended !== undefined ? { resultAmended: body.resultAmended } : {}),
    };
    return this.commands.execute(
      new ChangeNotificationsCommand(user.idNumber, settings, mailLanguageOf(req.headers['accept-language']), correlationIdOf(req), user.sub),
    );
  }
}
