import { Injectable } from '@nestjs/common';
import type { Role } from '#libs/auth';
import { DomainError } from '#libs/domain';
import { EventStore, fold, runDecider, type EventMetadata } from '#libs/event-store';
import { candidateAccountDecider } from '../candidate-account/candidate-account.decider.js';
import { candidateStream, candidateStreamId } from '../candidate-account/candidate-account.events.js';
import { userAccountDecider } from '../user-account/user-account.decider.js';
import { userStream, userStreamId } from '../user-account/user-account.events.js';
import { hashOfToken } from './secret-tokens.js';
import { AuthErrors } from './auth.errors.js';

/** Whoever can log in, as login, refresh and password reset need them. */
export interface Account {
  streamId: string;
  accountId: string;
  roles: Role[];
  email: string;
  idNumber?: string;
  organisationId?: string;
  /** Null for an organisation user who has not set a password yet. */
  passwordHash: string | null;
}

export type AccountKey = { idNumber: string } | { email: string };

/** ID Numbers are printed in capitals; a candidate may type them in lower case (the DTOs have trimmed them). */
export const normaliseIdNumber = (idNumber: string): string => idNumber.toUpperCase();

export const streamIdOf = (key: AccountKey): string =>
  'idNumber' in key ? candidateStreamId(normaliseIdNumber(key.idNumber)) : userStreamId(key.email);

/**
 * Reads accounts straight from their event streams (the key is the stream id), not from a read
 * model: a registration or a password change must count at the very next login, and a lagging
 * projection would let an old password work for a moment after a reset.
 */
@Injectable()
export class Accounts {
  constructor(private readonly store: EventStore) {}

  byKey(key: AccountKey): Promise<Account | null> {
    return this.byStream(streamIdOf(key));
  }

  async byStream(streamId: string): Promise<Account | null> {
    if (candidateStream.isId(streamId)) {
      const s = fold(await this.store.readStream(streamId), candidateAccountDecider.evolve, candidateAccountDecider.initialState);
      if (s.status === 'none') return null;
      return { streamId, accountId: s.candidateId, roles: ['candidate'], email: s.email, idNumber: s.idNumber, passwordHash: s.passwordHash };
    }
    if (userStream.isId(streamId)) {
      const s = fold(await this.store.readStream(streamId), userAccountDecider.evolve, userAccountDecider.initialState);
      switch (s.status) {
        case 'none':
          return null;
        case 'organisation-user':
          return { streamId, accountId: s.userId, roles: ['organisation'], email: s.email, organisationId: s.organisationId, passwordHash: s.passwordHash };
        case 'operator':
          return { streamId, accountId: s.userId, roles: ['exam-centre', 'operator'], email: s.email, passwordHash: s.passwordHash };
        default: {
          const unknown: never = s;
          throw new Error(`unknown account state ${JSON.stringify(unknown)}`);
        }
      }
    }
    return null;
  }

  async changePassword(streamId: string, passwordHash: string, metadata: EventMetadata): Promise<void> {
    if (candidateStream.isId(streamId)) {
      await runDecider(this.store, streamId, candidateAccountDecider, { type: 'ChangeCandidatePassword', data: { passwordHash } }, metadata);
    } else if (userStream.isId(streamId)) {
      await runDecider(this.store, streamId, userAccountDecider, { type: 'ChangeUserPassword', data: { passwordHash } }, metadata);
    } else {
      throw new Error(`${streamId} is not an account's stream`);
    }
  }
}

/** Exactly one of idNumber and email names an account (login, password reset); e-mail addresses compare case-insensitively. */
export function accountKeyOf(body: { idNumber?: string | undefined; email?: string | undefined }): AccountKey {
  const hasId = body.idNumber !== undefined;
  const hasEmail = body.email !== undefined;
  if (hasId === hasEmail) {
    throw new DomainError('invalid', AuthErrors.ONE_IDENTIFIER, 'Give either idNumber (candidates) or email (organisations and staff), not both and not neither.');
  }
  return hasId ? { idNumber: normaliseIdNumber(body.idNumber!) } : { email: body.email!.toLowerCase() };
}

/** A key for counters that names the account without storing the e-mail address as such. */
export const limiterKeyOf = (key: AccountKey): string => ('idNumber' in key ? `id:${key.idNumber}` : `email:${hashOfToken(key.email)}`);
