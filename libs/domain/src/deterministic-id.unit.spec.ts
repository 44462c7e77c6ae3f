import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { deterministicUuid, sha256Hex } from './deterministic-id.js';

// The ids made before there was one helper: stored ids must not change.
const directoryUuidBefore = (name: string): string => {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
const shareIdBefore = (name: string): string => {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const eventIdBefore = (name: string): string => {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('deterministic ids', () => {
  it('the same name gives the same id, another name another id', () => {
    assert.equal(deterministicUuid('organisation-email:a@b.c'), deterministicUuid('organisation-email:a@b.c'));
    assert.notEqual(deterministicUuid('organisation-email:a@b.c'), deterministicUuid('organisation-email:a@b.d'));
  });

  it('keeps the ids made so far (directory v8, share v5, raw digest)', () => {
    assert.equal(deterministicUuid('organisation:kanto university|japan'), '1d51aae1-f6ab-8c52-8e3a-577fc657b099');
    assert.equal(deterministicUuid('ｶﾝﾄｰ 大学', 8), 'd61b6001-f9bd-8e3c-8a1c-2b5150dd3431');
    assert.equal(deterministicUuid('result-1:recipient-1', 5), '961f1ff0-1f65-550d-8327-a93ee383f44c');
    assert.equal(deterministicUuid('org-1@3', null), 'c30e4c74-67a1-c505-1918-674078a7f7fb');
    for (let i = 0; i < 300; i++) {
      const name = randomBytes(1 + (i % 40)).toString(i % 2 ? 'hex' : 'latin1');
      assert.equal(deterministicUuid(name), directoryUuidBefore(name), name);
      assert.equal(deterministicUuid(name, 5), shareIdBefore(name), name);
      assert.equal(deterministicUuid(name, null), eventIdBefore(name), name);
    }
  });

  it('sets the version digit and the variant bits', () => {
    for (let i = 0; i < 100; i++) {
      const name = `name-${i}`;
      for (const version of [5, 8] as const) {
        const id = deterministicUuid(name, version);
        assert.match(id, UUID);
        assert.equal(id[14], String(version));
        assert.ok('89ab'.includes(id[19]), id);
      }
    }
  });

  it('sha256Hex is the SHA-256 of the UTF-8 text', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex('大学'), createHash('sha256').update(Buffer.from('大学', 'utf8')).digest('hex'));
  });
});
