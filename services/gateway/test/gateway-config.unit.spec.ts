import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadGatewayConfig } from '../src/config.js';
import { configuredInstances } from '../src/gateway.config.js';

const one = { IDENTITY_URL: 'http://identity:3101', RESULTS_URL: 'http://results:3102', DIRECTORY_URL: 'http://directory:3103', SHARING_URL: 'http://sharing:3104' };

describe('gateway configuration: several instances of a service', () => {
  it('takes comma-separated *_URL lists, instance i at place i, each internal URL its port + 1000 unless given', () => {
    const { gateway } = loadGatewayConfig({ ...one, SHARING_URL: 'http://127.0.0.1:3104, http://127.0.0.1:3108' });
    assert.deepEqual(configuredInstances(gateway, 'sharing'), [
      { url: 'http://127.0.0.1:3104', internalUrl: 'http://127.0.0.1:4104' },
      { url: 'http://127.0.0.1:3108', internalUrl: 'http://127.0.0.1:4108' },
    ]);
    assert.deepEqual(configuredInstances(gateway, 'identity'), [{ url: 'http://identity:3101', internalUrl: 'http://identity:4101' }]);
    assert.equal(gateway.jwksUrl(), 'http://identity:3101/.well-known/jwks.json');
    assert.deepEqual(gateway.discovery, { dns: true });
    const twoIdentities = loadGatewayConfig({ ...one, IDENTITY_URL: 'http://127.0.0.1:3101,http://127.0.0.1:3105' }).gateway;
    assert.equal(twoIdentities.jwksUrl(), 'http://127.0.0.1:3101/.well-known/jwks.json,http://127.0.0.1:3105/.well-known/jwks.json', 'each tried in turn');
    const given = loadGatewayConfig({ ...one, SHARING_URL: 'http://a:1,http://b:2', SHARING_INTERNAL_URL: 'http://a:9,http://b:8', UPSTREAMS_FILE: '/run/upstreams.json', UPSTREAMS_DNS: 'false' });
    assert.deepEqual(configuredInstances(given.gateway, 'sharing'), [
      { url: 'http://a:1', internalUrl: 'http://a:9' },
      { url: 'http://b:2', internalUrl: 'http://b:8' },
    ]);
    assert.deepEqual(given.gateway.discovery, { dns: false, file: '/run/upstreams.json' });
  });

  it('refuses lists of different lengths, a URL that is not http(s), and a missing service, all in one error', () => {
    assert.throws(
      () => loadGatewayConfig({ ...one, SHARING_URL: 'http://a:1,http://b:2', SHARING_INTERNAL_URL: 'http://a:9', RESULTS_URL: 'results:3102', DIRECTORY_URL: '', UPSTREAMS_DNS: 'maybe' }),
      (error: Error) =>
        /SHARING_INTERNAL_URL lists 1 URLs for the 2 of SHARING_URL/.test(error.message) &&
        /RESULTS_URL and RESULTS_INTERNAL_URL must be http\(s\) URLs separated by commas, got "results:3102"/.test(error.message) &&
        /DIRECTORY_URL is required/.test(error.message) &&
        /UPSTREAMS_DNS must be true or false/.test(error.message),
    );
  });
});
