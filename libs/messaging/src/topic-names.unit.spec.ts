import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TopicNames } from './topic-names.js';

describe('TopicNames', () => {
  it('without a namespace, names are the contract names', () => {
    const names = new TopicNames();
    assert.equal(names.namespace, '');
    assert.equal(names.topic('sharing.share.v1'), 'sharing.share.v1');
    assert.equal(names.group('identity'), 'identity');
    assert.equal(names.logical('sharing.share.v1'), 'sharing.share.v1');
  });

  it('with a namespace, topics and groups are prefixed and logical() takes the prefix off again', () => {
    const names = new TopicNames('ci_1-a');
    assert.equal(names.topic('sharing.share.v1'), 'ci_1-a.sharing.share.v1');
    assert.equal(names.group('identity'), 'ci_1-a.identity');
    assert.equal(names.logical('ci_1-a.sharing.share.v1'), 'sharing.share.v1');
    // A name from outside the namespace stays as it is (not cut by the prefix's length).
    assert.equal(names.logical('other.sharing.share.v1'), 'other.sharing.share.v1');
    assert.equal(names.logical('ci_1-asharing'), 'ci_1-asharing');
  });

  it('accepts 1 to 40 letters, digits, "_" and "-", and refuses anything else with a message naming the variable', () => {
    assert.equal(new TopicNames('a').namespace, 'a');
    assert.equal(new TopicNames('x'.repeat(40)).namespace, 'x'.repeat(40));
    for (const bad of ['x'.repeat(41), 'a.b', 'a b', 'ü', 'a/b', ' a', 'a\n']) {
      assert.throws(() => new TopicNames(bad), /NAMESPACE must be 1-40 letters, digits, "_" or "-"/, JSON.stringify(bad));
    }
  });
});
