import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { LoginRequest } from '../session/login/login.request.dto.js';

const problems = async (body: object) =>
  (await validate(plainToInstance(LoginRequest, body), { whitelist: true, forbidNonWhitelisted: true })).map((e) => e.property);

describe('account identifier: an optional field may be left out, never sent as null', () => {
  it('accepts either identifier left out', async () => {
    assert.deepEqual(await problems({ idNumber: 'C40192837', password: 'a password' }), []);
    assert.deepEqual(await problems({ email: 'hanako@example.com', password: 'a password' }), []);
  });

  it('refuses null where a string is expected (was a 500 further on)', async () => {
    assert.deepEqual(await problems({ idNumber: null, password: 'a password' }), ['idNumber']);
    assert.deepEqual(await problems({ email: null, password: 'a password' }), ['email']);
  });
});

describe('account identifier: trimmed before it is checked', () => {
  it('hands the handler the trimmed identifier', () => {
    const body = plainToInstance(LoginRequest, { idNumber: '  C40192837 ', email: ' Hanako@Example.com\t', password: ' a password ' });
    assert.deepEqual([body.idNumber, body.email, body.password], ['C40192837', 'Hanako@Example.com', ' a password ']);
  });

  it('checks the trimmed value: blank is empty, padding is not part of the address', async () => {
    assert.deepEqual(await problems({ idNumber: '   ', password: 'a password' }), ['idNumber']);
    assert.deepEqual(await problems({ email: '  hanako@example.com  ', password: 'a password' }), []);
  });
});
