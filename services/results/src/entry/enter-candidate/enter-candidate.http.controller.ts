import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { EnterCandidateCommand, type EnteredCandidate } from './enter-candidate.command.js';
import { EnterCandidateRequest } from './enter-candidate.request.dto.js';
import { EnteredCandidateResponse, entryLinks } from './enter-candidate.response.dto.js';

@ApiTags('exam centre')
@ApiBearerAuth()
@Controller('api/v1/admin/entries')
export class EnterCandidateHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ operationId: 'enterCandidate', summary: 'Enters a candidate for an exam: issues the ID Number and the Secret Number' })
  @ApiCreatedResponse({ type: EnteredCandidateResponse, links: entryLinks })
  @ApiConflictResponse({ description: 'The ID Number drawn is already taken (try again).' })
  @Post()
  @HttpCode(201)
  @Roles('exam-centre')
  enter(@Body() body: EnterCandidateRequest, @CurrentUser() user: Principal, @Req() req: RequestWithId): Promise<EnteredCandidate> {
    return this.commands.execute(
      new EnterCandidateCommand(body.name, body.dateOfBirth, body.exam, body.centre, user, correlationIdOf(req)),
    );
  }
}
