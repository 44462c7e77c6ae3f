import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { NotificationSettings } from '#libs/contracts';
import { EventStore, runDecider } from '#libs/event-store';
import { normaliseIdNumber } from '../../security/accounts.js';
import { candidateAccountDecider } from '../candidate-account.decider.js';
import { candidateStreamId } from '../candidate-account.events.js';
import { ChangeNotificationsCommand } from './change-notifications.command.js';

@CommandHandler(ChangeNotificationsCommand)
export class ChangeNotificationsHandler implements ICommandHandler<ChangeNotificationsCommand, NotificationSettings> {
  constructor(private readonly store: EventStore) {}

  async execute(command: ChangeNotificationsCommand): Promise<NotificationSettings> {
    const { state } = await runDecider(
      this.store,
      candidateStreamId(normaliseIdNumber(command.idNumber)),
      candidateAccountDecider,
      { type: 'ChangeNotifications', data: { ...command.settings, language: command.language } },
      { correlationId: command.correlationId, causationId: null, actor: command.actor },
    );
    // The decider refused an account that does not exist: here it is registered.
    if (state.status === 'none') throw new Error('unreachable: notifications changed without an account');
    return { ...state.notifications };
  }
}
