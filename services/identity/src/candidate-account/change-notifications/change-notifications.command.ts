import { Command } from '@nestjs/cqrs';
import type { NotificationSettings } from '#libs/contracts';
import type { NotificationLanguage } from '../candidate-account.events.js';

/** A candidate opts in to (or out of) e-mails; they are written in the portal's language at that moment. */
export class ChangeNotificationsCommand extends Command<NotificationSettings> {
  constructor(
    readonly idNumber: string,
    readonly settings: Partial<NotificationSettings>,
    readonly language: NotificationLanguage,
    readonly correlationId: string,
    readonly actor: string,
  ) {
    super();
  }
}
