import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvReader } from './env.js';

describe('EnvReader', () => {
  it('answers values, fallbacks and trimmed strings; unset and blank are the same', () => {
    const env = new EnvReader({ NAME: '  x  ', N: '7', BLANK: '  ', LIST: 'a, b,,c', ON: 'true', OFF: 'false', SEED: 'none' });
    assert.equal(env.string('NAME'), 'x');
    assert.equal(env.string('BLANK', 'fallback'), 'fallback');
    assert.equal(env.optional('BLANK'), undefined);
    assert.equal(env.int('N', 1), 7);
    assert.equal(env.int('UNSET', 1), 1);
    assert.deepEqual(env.list('LIST'), ['a', 'b', 'c']);
    assert.equal(env.flag('ON', false), true);
    assert.equal(env.flag('OFF', true), false);
    assert.equal(env.flag('UNSET', true), true);
    assert.equal(env.oneOf('SEED', ['full', 'none'] as const, 'full'), 'none');
    assert.equal(env.oneOf('UNSET', ['full', 'none'] as const, 'full'), 'full');
    env.done();
  });

  it('reports every problem at once, when done', () => {
    const env = new EnvReader({ N: '-1', ON: 'yes', SEED: 'some' });
    env.string('REQUIRED');
    env.int('N', 1);
    assert.equal(env.flag('ON', false), false);
    assert.equal(env.oneOf('SEED', ['full', 'none'] as const, 'full'), 'full');
    env.problem('OLD_VARIABLE is gone');
    assert.throws(
      () => env.done(),
      (error: Error) => {
        assert.equal(
          error.message,
          [
            'Invalid configuration:',
            '  - REQUIRED is required',
            '  - N must be a whole number, got "-1"',
            '  - ON must be true or false, got "yes"',
            '  - SEED must be "full" or "none", got "some"',
            '  - OLD_VARIABLE is gone',
          ].join('\n'),
        );
        return true;
      },
    );
  });
});
