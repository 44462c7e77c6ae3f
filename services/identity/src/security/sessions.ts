import { Injectable } from '@nestjs/common';
import { AccessTokens, ACCESS_TOKEN_SECONDS } from './access-tokens.js';
import type { Account } from './accounts.js';
import { RefreshTokens } from './refresh-tokens.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** A login starts a refresh-token family; each refresh continues it. */
@Injectable()
export class Sessions {
  constructor(
    private readonly access: AccessTokens,
    private readonly refresh: RefreshTokens,
  ) {}

  async issue(account: Account, familyId?: string): Promise<TokenPair> {
    const [accessToken, refreshToken] = await Promise.all([this.access.sign(account), this.refresh.issue(account.streamId, familyId)]);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS };
  }
}
