import { Command } from '@nestjs/cqrs';

export class ConfirmResetCommand extends Command<void> {
  constructor(
    readonly token: string,
    readonly newPassword: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
