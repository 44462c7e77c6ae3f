import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { RegisterOrganisationCommand, type RegisteredOrganisationAnswer } from './register-organisation.command.js';
import { RegisterOrganisationRequest } from './register-organisation.request.dto.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class RegisterOrganisationHttpController {
  constructor(private readonly commands: CommandBus) {}

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
