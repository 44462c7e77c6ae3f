import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { PublishResultCommand } from './publish-result.command.js';
import { PublishResultRequest } from './publish-result.request.dto.js';
import { PublishedResultResponse, resultLinks } from './publish-result.response.dto.js';

@ApiTags('exam centre')
@ApiBearerAuth()
@Controller('api/v1/admin/results')
export class PublishResultHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ operationId: 'publishResult', summary: 'Publishes a result for an entry, with a release time and restrictions' })
  @ApiCreatedResponse({ type: PublishedResultResponse, links: resultLinks })
  @ApiNotFoundResponse({ description: 'No candidate is entered with this ID Number.' })
  @ApiConflictResponse({ description: 'This result is already published.' })
  @Post()
  @HttpCode(201)
  @Roles('exam-centre')
  publish(@Body() body: PublishResultRequest, @CurrentUser() user: Principal, @Req() req: RequestWithId) {
    const { idNumber, releaseAt, restrictions, qualification, cefrLevel, overallScore, grade, components, examDate } = body;
    const details = {
      qualification,
      cefrLevel,
      overallScore,
      grade,
      components: components.map((c) => ({ skill: c.skill, score: c.score })),
      examDate,
    };
    const releaseIso = releaseAt ? new Date(releaseAt).toISOString() : undefined;
    return this.commands.execute(
      new PublishResultCommand(idNumber, details, releaseIso, [...new Set(restrictions ?? [])], user, correlationIdOf(req)),
    );
  }
}
