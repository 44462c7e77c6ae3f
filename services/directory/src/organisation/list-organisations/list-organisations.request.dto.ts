import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type * as Http from '#libs/contracts';

export class ListOrganisationsRequest implements Http.OrganisationsQuery {
  @ApiPropertyOptional({ enum: ['pending'], description: 'pending: only organisations from invitations waiting for approval' })
  @IsOptional()
  @IsIn(['pending'], { message: 'approval must be "pending" (or left out, for every organisation)' })
  approval?: 'pending';
}
