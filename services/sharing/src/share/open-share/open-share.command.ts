import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { OpenedShare } from '#libs/contracts';

export type { OpenedShare } from '#libs/contracts';

/** An organisation user opens a shared result; the first opening marks it read (a withdrawn share never is). */
export class OpenShareCommand extends Command<OpenedShare> {
  constructor(
    readonly shareId: string,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
