import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';
import type * as Http from '#libs/contracts';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

/** Either setting or both (at least one): true to get that e-mail, false to stop it. */
export class ChangeNotificationsRequest implements Partial<Http.NotificationSettings> {
  @ApiPropertyOptional({ type: 'boolean', description: 'An e-mail when an organisation opens a result you sent it' })
  @ValidateIf(absentOrChecked)
  @IsBoolean({ message: 'shareOpened must be true or false' })
  shareOpened?: boolean;

  @ApiPropertyOptional({ type: 'boolean', description: 'An e-mail when the exam centre amends one of your results' })
  @ValidateIf(absentOrChecked)
  @IsBoolean({ message: 'resultAmended must be true or false' })
  resultAmended?: boolean;
}
