import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { STATEMENT_LANGUAGES, type StatementLanguage } from '#libs/contracts';

export class DownloadStatementRequest {
  @ApiPropertyOptional({
    enum: STATEMENT_LANGUAGES,
    description: '`ja`: labels in Japanese with the English beside them. Without it, the Accept-Language header decides (English unless it asks for Japanese first).',
  })
  @IsOptional()
  @IsIn(STATEMENT_LANGUAGES, { message: `lang must be one of ${STATEMENT_LANGUAGES.join(', ')}` })
  lang?: StatementLanguage;
}
