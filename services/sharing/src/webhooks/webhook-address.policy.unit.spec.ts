import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { refusedAddress, refusedName } from './webhook-address.policy.js';
import { checkWebhookUrl } from './webhook-url.js';

const refusal = (url: string, allowPrivate = false): string | null => {
  try {
    checkWebhookUrl(url, allowPrivate);
    return null;
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, 'WEBHOOK.BAD_URL');
    return error.message;
  }
};

describe('webhook URL policy', () => {
  const blocked: Record<string, string[]> = {
    loopback: ['https://127.0.0.1/', 'https://127.255.0.9/x', 'https://[::1]/', 'https://[0:0:0:0:0:0:0:1]/'],
    'encoded loopback': ['https://0x7f000001/', 'https://2130706433/', 'https://0177.0.0.1/', 'https://127.1/', 'https://0x7f.1/', 'https://017700000001/'],
    private: ['https://10.0.0.1/', 'https://172.16.5.4/', 'https://172.31.255.255/', 'https://192.168.1.1/', 'https://[fc00::1]/', 'https://[fd12:3456::1]/'],
    'link-local': ['https://169.254.169.254/latest/meta-data/', 'https://[fe80::1]/'],
    cgnat: ['https://100.64.0.1/', 'https://100.127.255.254/'],
    multicast: ['https://224.0.0.1/', 'https://239.1.2.3/', 'https://[ff02::1]/'],
    'unspecified and broadcast': ['https://0.0.0.0/', 'https://0/', 'https://[::]/', 'https://255.255.255.255/'],
    reserved: ['https://240.0.0.1/', 'https://192.0.2.1/', 'https://198.18.0.1/', 'https://[2001:db8::1]/', 'https://[fec0::1]/'],
    'IPv4 inside IPv6': ['https://[::ffff:127.0.0.1]/', 'https://[::ffff:7f00:1]/', 'https://[::ffff:10.0.0.1]/', 'https://[::ffff:169.254.169.254]/', 'https://[::127.0.0.1]/', 'https://[::a00:1]/', 'https://[64:ff9b::7f00:1]/', 'https://[2002:7f00:1::]/'],
    'local names': ['https://localhost/', 'https://LOCALHOST./', 'https://api.localhost/', 'https://printer.local/', 'https://metadata.google.internal/', 'https://router.home.arpa/', 'https://intranet/', 'https://%6c%6fcalhost/'],
  };
  for (const [kind, urls] of Object.entries(blocked)) {
    it(`refuses ${kind} hosts`, () => {
      for (const url of urls) {
        const message = refusal(url);
        assert.ok(message, `${url} should be refused`);
        assert.match(message, /public host/, url);
      }
    });
  }

  it('refuses other schemes, other ports and credentials, with a message that says which', () => {
    assert.match(refusal('http://hooks.example.com/x')!, /https:\/\//);
    assert.match(refusal('ftp://hooks.example.com/x')!, /https:\/\//);
    assert.match(refusal('https://hooks.example.com:22/x')!, /port 443 or 8443, not 22/);
    assert.match(refusal('https://hooks.example.com:80/x')!, /port 443 or 8443, not 80/);
    assert.match(refusal('https://hooks.example.com:9200/x')!, /not 9200/);
    assert.match(refusal('https://u:p@hooks.example.com/x')!, /user name or password/);
    assert.match(refusal('not a url')!, /absolute https/);
  });

  it('accepts public https hosts on 443 and 8443, normalised', () => {
    assert.equal(checkWebhookUrl('https://hooks.example.com/results', false), 'https://hooks.example.com/results');
    assert.equal(checkWebhookUrl('https://HOOKS.example.com:443/a', false), 'https://hooks.example.com/a');
    assert.equal(checkWebhookUrl('https://hooks.example.com:8443/a', false), 'https://hooks.example.com:8443/a');
    assert.equal(checkWebhookUrl('https://93.184.215.14/a', false), 'https://93.184.215.14/a');
    assert.equal(checkWebhookUrl('https://[2606:4700::6810:84e5]/a', false), 'https://[2606:4700::6810:84e5]/a');
  });

  it('with the development allowance, takes http, any port and private hosts (never credentials or other schemes)', () => {
    assert.equal(checkWebhookUrl('http://127.0.0.1:4567/hook', true), 'http://127.0.0.1:4567/hook');
    assert.equal(checkWebhookUrl('https://10.0.0.1/', true), 'https://10.0.0.1/');
    assert.equal(checkWebhookUrl('http://localhost:3000/', true), 'http://localhost:3000/');
    assert.ok(refusal('http://u:p@127.0.0.1/', true));
    assert.ok(refusal('ftp://127.0.0.1/', true));
  });

  it('classifies resolved addresses as DNS answers them', () => {
    for (const address of ['127.0.0.1', '::1', '10.1.2.3', '169.254.169.254', '100.64.1.1', '::ffff:192.168.0.1', 'fe80::abcd', 'fd00::1', '0.0.0.0']) {
      assert.ok(refusedAddress(address), address);
    }
    for (const address of ['93.184.215.14', '1.1.1.1', '2606:4700::6810:84e5']) assert.equal(refusedAddress(address), null, address);
    assert.match(refusedAddress('169.254.169.254')!, /not a public address \(link-local\)/);
    assert.match(refusedAddress('::ffff:127.0.0.1')!, /\(loopback\)/);
    assert.match(refusedAddress('100.64.1.1')!, /\(carrier-grade NAT\)/);
  });

  it('takes fully qualified public names', () => {
    assert.equal(refusedName('hooks.example.com'), null);
    assert.equal(refusedName('localhost.example.com'), null);
    assert.equal(refusedName('hooks.xn--bcher-kva.example'), null, 'an IDN in its xn-- form');
    for (const bad of ['g.0.cazygclemkuc*', 'a_b.example.com', '-a.example.com', 'a-.example.com', 'a..example.com']) {
      assert.match(refusedName(bad) ?? '', /not a host name/, bad);
    }
    assert.match(refusedName('kubernetes')!, /fully qualified/);
  });
});
