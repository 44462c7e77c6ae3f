import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

/** What login and refresh answer (TokenPair in security/sessions.ts). */
export class TokenPairResponse implements Http.TokenPair {
  @ApiProperty({ description: 'ES256 JWT: send as `Authorization: Bearer <accessToken>`' })
  accessToken!: string;

  @ApiProperty({ description: 'Works once, with POST /api/v1/auth/refresh' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ type: 'integer', description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;
}

/** The refresh token of one answer feeds the next refresh (schemathesis' stateful phase follows it). */
export const refreshLink = {
  Refresh: {
    operationId: 'refresh',
    requestBody: { refreshToken: '$response.body#/refreshToken' },
    description: 'The refresh token gets a new pair (once).',
  },
};
