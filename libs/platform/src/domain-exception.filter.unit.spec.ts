import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException, ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '#libs/domain';
import { MongoClient } from 'mongodb';
import { createServer } from 'node:net';
import { StreamBusyError } from '#libs/event-store';
import { DomainExceptionFilter, errorResponse, isUnreachable, RETRY_AFTER_SECONDS } from './domain-exception.filter.js';

/** A local port nothing listens on (taken, then released). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

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

  it('a stream left busy is a 503 (try again), never a 409 or a 500', () => {
    const busy = errorResponse(new StreamBusyError('share-1'));
    assert.equal(busy.status, 503);
    assert.equal(busy.body.code, 'SERVICE.UNAVAILABLE');
    assert.match(String(busy.body.message), /nothing was changed/);
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

  it('a database or a service that cannot be reached is a 503 with Retry-After, not a 500 (real driver and fetch errors)', async () => {
    const port = await closedPort();
    const client = new MongoClient(`mongodb://127.0.0.1:${port}`, { serverSelectionTimeoutMS: 200 });
    const mongoError = await client.db('x').collection('y').findOne({}).then(
      () => null,
      (e: unknown) => e,
    );
    await client.close();
    assert.ok(mongoError instanceof Error && isUnreachable(mongoError), `the driver's ${(mongoError as Error)?.name} counts as unreachable`);
    const fetchError = await fetch(`http://127.0.0.1:${port}/`).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(isUnreachable(fetchError), 'a refused fetch counts as unreachable (its cause is ECONNREFUSED)');
    // What the driver's bulk write threw while the drills crashed FerretDB (a 500 before).
    const bulk = Object.assign(new Error('connection 4 to 127.0.0.1:27117 closed'), { name: 'MongoBulkWriteError' });
    assert.equal(isUnreachable(bulk), true);
    assert.equal(isUnreachable(Object.assign(new Error('E11000 duplicate key error'), { name: 'MongoBulkWriteError' })), false);
    assert.equal(isUnreachable(new Error('boom')), false);
    assert.equal(isUnreachable(new TypeError('x is undefined')), false);

    const answer = errorResponse(mongoError);
    assert.equal(answer.status, 503);
    assert.equal(answer.body.code, 'SERVICE.UNAVAILABLE');
    const headers: Record<string, string> = {};
    let status = 0;
    const reply = {
      status(code: number) {
        status = code;
        return reply;
      },
      header(name: string, value: string) {
        headers[name] = value;
        return reply;
      },
      send() {},
    };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => reply }) };
    new DomainExceptionFilter().catch(mongoError, host as never);
    assert.equal(status, 503);
    assert.equal(headers['retry-after'], String(RETRY_AFTER_SECONDS));
    new DomainExceptionFilter().catch(new Error('boom'), host as never);
    assert.equal(status, 500);
  });
});
