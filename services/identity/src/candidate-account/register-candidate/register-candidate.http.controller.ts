import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { RegisterCandidateCommand, type RegisteredCandidate } from './register-candidate.command.js';
import { RegisterCandidateRequest } from './register-candidate.request.dto.js';

@ApiTags('candidate')
@Controller('api/v1/candidates')
export class RegisterCandidateHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(201)
  register(@Body() body: RegisterCandidateRequest, @Req() req: RequestWithId): Promise<RegisteredCandidate> {
    return this.commands.execute(
      new RegisterCandidateCommand(body.idNumber, body.secretNumber, body.email, body.password, correlationIdOf(req)),
    );
  }
}
