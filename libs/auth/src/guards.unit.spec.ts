import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { CurrentCandidate, CurrentOrganisationUser, CurrentUser } from './guards.js';
import type { Principal } from './principal.js';

type Factory = (data: unknown, context: ExecutionContext) => unknown;

/** The function Nest calls for a parameter decorator. */
function factoryOf(decorator: () => ParameterDecorator): Factory {
  class Probe {
    route(@decorator() _user: unknown): void {}
  }
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'route') as Record<string, { factory: Factory }>;
  return Object.values(args)[0].factory;
}

const contextOf = (user: Principal | undefined) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ user }) }) }) as unknown as ExecutionContext;

const candidate: Principal = { sub: 'c-1', roles: ['candidate'], idNumber: 'C12345678' };
const orgUser: Principal = { sub: 'u-1', roles: ['organisation'], organisationId: 'org-1' };

const refusal = (factory: Factory, user: Principal | undefined): { status: number; message: string } => {
  try {
    factory(undefined, contextOf(user));
  } catch (error) {
    assert.ok(error instanceof ForbiddenException);
    return { status: error.getStatus(), message: error.message };
  }
  assert.fail('expected a 403');
};

describe('principal decorators', () => {
  it('@CurrentUser() answers whoever is signed in, 403 when no one is', () => {
    assert.equal(factoryOf(CurrentUser)(undefined, contextOf(orgUser)), orgUser);
    assert.deepEqual(refusal(factoryOf(CurrentUser), undefined), { status: 403, message: 'Not signed in.' });
  });

  it('@CurrentCandidate() answers a candidate, 403 for an account without an ID Number', () => {
    assert.equal(factoryOf(CurrentCandidate)(undefined, contextOf(candidate)), candidate);
    assert.deepEqual(refusal(factoryOf(CurrentCandidate), orgUser), { status: 403, message: 'This account has no ID Number.' });
    assert.deepEqual(refusal(factoryOf(CurrentCandidate), undefined), { status: 403, message: 'Not signed in.' });
  });

  it('@CurrentOrganisationUser() answers an organisation user, 403 for an account of no organisation', () => {
    assert.equal(factoryOf(CurrentOrganisationUser)(undefined, contextOf(orgUser)), orgUser);
    assert.deepEqual(refusal(factoryOf(CurrentOrganisationUser), candidate), {
      status: 403,
      message: 'This account belongs to no organisation.',
    });
    assert.deepEqual(refusal(factoryOf(CurrentOrganisationUser), undefined), { status: 403, message: 'Not signed in.' });
  });
});
