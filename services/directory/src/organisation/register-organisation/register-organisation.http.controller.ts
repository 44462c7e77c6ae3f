import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { RegisterOrganisationCommand, type RegisteredOrganisationAnswer } from './register-organisation.command.js';
import { RegisterOrganisationRequest } from './register-organisation.request.dto.js';
import { organisationLinks, RegisteredOrganisationResponse } from './register-organisation.response.dto.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class RegisterOrganisationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ operationId: 'registerOrganisation', summary: 'Adds an organisation with its recipient accounts; its e-mail becomes its first user' })
  @ApiCreatedResponse({ type: RegisteredOrganisationResponse, links: organisationLinks })
  @ApiConflictResponse({ description: 'The organisation is already registered, or its e-mail address already belongs to an account.' })
  @ApiServiceUnavailableResponse({ description: 'The identity service, which creates the first user, is not answering.' })
  @Post()
  @HttpCode(201)
  @Roles('operator')
  register(
    @Body() body: RegisterOrganisationRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
  ): Promise<RegisteredOrganisationAnswer> {
    const organisation = {
      name: body.name,
      kind: body.kind,
      country: body.country,
      website: body.website,
      email: body.email,
      aliases: body.aliases?.map((a) => a.trim()) ?? [],
      departments: body.accounts?.map((a) => a.department) ?? [],
    };
    return this.commands.execute(new RegisterOrganisationCommand(organisation, user, correlationIdOf(req)));
  }
}
