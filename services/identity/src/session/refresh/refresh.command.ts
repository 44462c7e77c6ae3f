import { Command } from '@nestjs/cqrs';
import type { TokenPair } from '../../security/sessions.js';

export class RefreshCommand extends Command<TokenPair> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
