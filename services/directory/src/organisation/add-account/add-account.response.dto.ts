import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class AddedAccountResponse implements Http.AddedAccount {
  @ApiProperty({ format: 'uuid', description: 'Candidates send results to it (it is in search at once)' })
  recipientId!: string;

  @ApiProperty({ example: 'Graduate School of Law' })
  department!: string;
}
