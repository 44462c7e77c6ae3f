import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AccountRole, MyAccount } from '#libs/contracts';
import { NotificationSettingsResponse } from '../../candidate-account/change-notifications/change-notifications.response.dto.js';

const ROLES: AccountRole[] = ['candidate', 'organisation', 'exam-centre', 'operator'];

export class MyAccountResponse implements MyAccount {
  @ApiProperty({ description: 'The account id (a candidateId, an organisation user id or the operator’s id)', format: 'uuid' })
  accountId!: string;

  @ApiProperty({ enum: ROLES, isArray: true, description: 'What the account may do (the operator holds exam-centre and operator)' })
  roles!: AccountRole[];

  @ApiPropertyOptional({ description: 'Organisation users and staff: the address they log in with', format: 'email' })
  email?: string;

  @ApiPropertyOptional({ description: 'Candidates: the ID Number they log in with', example: 'C12345678' })
  idNumber?: string;

  @ApiPropertyOptional({ description: 'Organisation users: their name, when given (identity keeps no candidate names)' })
  name?: string;

  @ApiPropertyOptional({ description: 'Organisation users: their organisation', format: 'uuid' })
  organisationId?: string;

  @ApiPropertyOptional({ type: NotificationSettingsResponse, description: 'Candidates: the e-mails they opted in to (all off until they do)' })
  notifications?: NotificationSettingsResponse;
}
