import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDirectoryConfig } from '../src/config.js';

const required = { MONGODB_URI: 'mongodb://db', KAFKA_BROKERS: 'k1:9092,k2:9092', JWKS_URL: 'http://id/jwks', OPENSEARCH_URL: 'http://os:9200', IDENTITY_INTERNAL_URL: 'http://id:4101' };

describe('directory: configuration (config.ts)', () => {
  it('has the documented defaults, and keeps its persistent index unless asked to rebuild it', () => {
    const config = loadDirectoryConfig(required);
    assert.equal(config.port, 3103);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.seed, 'full');
    assert.equal(config.invitationsPerHour, 5);
    assert.equal(config.rebuildIndexAtBoot, false);
    assert.equal(config.invitationApproval, 'off');
    assert.deepEqual(config.opensearch, { node: 'http://os:9200', index: 'directory' });
    assert.equal(config.identityInternalUrl, 'http://id:4101');
    assert.deepEqual(config.infrastructure.kafkaBrokers, ['k1:9092', 'k2:9092']);
  });

  it('names the index after NAMESPACE, takes OPENSEARCH_INDEX, DIRECTORY_SEED and DIRECTORY_REBUILD_INDEX', () => {
    assert.equal(loadDirectoryConfig({ ...required, NAMESPACE: 'Run7' }).opensearch.index, 'run7-directory');
    const config = loadDirectoryConfig({ ...required, NAMESPACE: 'Run7', OPENSEARCH_INDEX: 'mine', DIRECTORY_SEED: 'none', DIRECTORY_REBUILD_INDEX: 'true', INVITATIONS_PER_HOUR: '2', INVITATION_APPROVAL: 'required' });
    assert.equal(config.opensearch.index, 'mine');
    assert.equal(config.seed, 'none');
    assert.equal(config.rebuildIndexAtBoot, true);
    assert.equal(config.invitationsPerHour, 2);
    assert.equal(config.invitationApproval, 'required');
  });

  it('refuses to start with one error listing every problem', () => {
    assert.throws(
      () => loadDirectoryConfig({ DIRECTORY_SEED: 'some', DIRECTORY_REBUILD_INDEX: 'yes', INVITATION_APPROVAL: 'maybe' }),
      (error: Error) => {
        for (const problem of [
          'MONGODB_URI is required',
          'OPENSEARCH_URL is required',
          'IDENTITY_INTERNAL_URL is required',
          'DIRECTORY_SEED must be "full" or "none", got "some"',
          'DIRECTORY_REBUILD_INDEX must be true or false, got "yes"',
          'INVITATION_APPROVAL must be "required" or "off", got "maybe"',
        ])
          assert.ok(error.message.includes(problem), `${problem} in ${error.message}`);
        return true;
      },
    );
  });
});
