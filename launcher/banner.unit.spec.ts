import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banner, mailRow, operatorRows } from './banner.js';

describe('launcher: the banner', () => {
  it('shows a password made now once, and afterwards only where it is kept', () => {
    const made = { email: 'admin@results.local', password: 'p4ss-word-made', generated: true, file: '/d/admin-password' };
    assert.deepEqual(operatorRows(made), [
      ['Operator', 'admin@results.local'],
      ['Password', 'p4ss-word-made  (shown once; kept in /d/admin-password)'],
    ]);
    assert.deepEqual(operatorRows({ ...made, generated: false }), [['Operator', 'admin@results.local, password in /d/admin-password']]);
    assert.deepEqual(operatorRows({ ...made, generated: false, file: null }), [['Operator', 'admin@results.local, password from ADMIN_PASSWORD']]);
  });

  it('names the SMTP server without the credentials its URL may carry', () => {
    assert.deepEqual(mailRow('smtp://user:secret@mail.example.com:587', '/d/mail'), ['E-mail', 'sent over SMTP to mail.example.com:587']);
    assert.deepEqual(mailRow(undefined, '/d/mail'), ['E-mail', 'written as .eml files under /d/mail']);
  });

  it('aligns the values under the longest label', () => {
    assert.equal(banner('Up', [['A', 'one'], ['Longer', 'two']], 'Bye.'), '\nUp\n  A       one\n  Longer  two\nBye.\n');
  });
});
