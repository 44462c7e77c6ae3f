import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException, ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '#libs/domain';
import { errorResponse } from './domain-exception.filter.js';

describe('error bodies', () => {
  it('a domain error keeps its code and maps its kind to a status (unavailable is a 503)', () => {
    assert.deepEqual(errorResponse(new DomainError('conflict', 'THING.TAKEN', 'Taken.')), {
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'Taken.', code: 'THING.TAKEN' },
    });
    assert.deepEqual(errorResponse(new DomainError('unavailable', 'THING.DOWN', 'Try later.')), {
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: 'Try later.', code: 'THING.DOWN' },
    });
  });

  it('an HttpException answers its errorCode as code', () => {
    assert.deepEqual(errorResponse(new ForbiddenException('Not for you.', { errorCode: 'AUTH.FORBIDDEN_ROLE' })), {
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: 'Not for you.', code: 'AUTH.FORBIDDEN_ROLE' },
    });
  });

  it("the framework's own errors get a code by status", () => {
    const validation = errorResponse(new BadRequestException(['name must be a string']));
    assert.deepEqual(validation.body, { statusCode: 400, error: 'Bad Request', message: ['name must be a string'], code: 'REQUEST.INVALID' });
    assert.equal(errorResponse(new UnauthorizedException()).body.code, 'AUTH.UNAUTHENTICATED');
    assert.equal(errorResponse(new NotFoundException('Cannot GET /x')).body.code, 'ROUTE.NOT_FOUND');
    assert.equal(errorResponse(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 })).body.code, 'BODY.UNSUPPORTED_MEDIA_TYPE');
    const fault = errorResponse(new Error('boom'));
    assert.deepEqual(fault, { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.', code: 'SERVER.ERROR' } });
  });
});
