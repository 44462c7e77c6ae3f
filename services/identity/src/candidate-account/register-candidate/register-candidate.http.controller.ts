import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { RegisterCandidateCommand, type RegisteredCandidate } from './register-candidate.command.js';
import { RegisterCandidateRequest } from './register-candidate.request.dto.js';
import { RegisteredCandidateResponse } from './register-candidate.response.dto.js';

@ApiTags('candidate')
@Controller('api/v1/candidates')
export class RegisterCandidateHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @ApiOperation({ operationId: 'registerCandidate', summary: 'A candidate creates an account with the ID Number and Secret Number of an entry' })
  @ApiCreatedResponse({ type: RegisteredCandidateResponse, description: 'The account exists; log in with the ID Number and the password.' })
  @ApiBadRequestResponse({ description: 'Not valid, or the ID Number and Secret Number do not match an entry (without saying which half).' })
  @ApiConflictResponse({ description: 'An account already exists for this ID Number, or the e-mail address belongs to another account.' })
  @ApiTooManyRequestsResponse({ description: 'Too many registration attempts for this ID Number (or from this address).' })
  @Post()
  @HttpCode(201)
  register(@Body() body: RegisterCandidateRequest, @Req() req: RequestWithId): Promise<RegisteredCandidate> {
    return this.commands.execute(
      new RegisterCandidateCommand(body.idNumber, body.secretNumber, body.email, body.password, correlationIdOf(req)),
    );
  }
}
