import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { BULK_VERIFICATION_MAX_ITEMS } from '#libs/contracts';
import { VerifyStatementRequest } from '../verify-statement/verify-statement.request.dto.js';

export class VerifyStatementsRequest {
  @ApiProperty({ type: [VerifyStatementRequest], minItems: 1, maxItems: BULK_VERIFICATION_MAX_ITEMS, description: 'Answered in this order' })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one statement to check' })
  @ArrayMaxSize(BULK_VERIFICATION_MAX_ITEMS, { message: `items must hold at most ${BULK_VERIFICATION_MAX_ITEMS} statements; send the rest in another request` })
  @IsObject({ each: true, message: 'each of items must be an object {code, dateOfBirth}' })
  @ValidateNested({ each: true })
  @Type(() => VerifyStatementRequest)
  items!: VerifyStatementRequest[];
}
