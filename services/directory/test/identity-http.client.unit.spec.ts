import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { DomainError } from '#libs/domain';
import { HttpIdentityClient, ORGANISATION_USERS_PATH } from '../src/integration/identity-http.client.js';

const listen = (server: Server | ReturnType<typeof createTcpServer>) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));

/** A port nothing listens on: connections to it are refused. */
const refusedUrl = async () => {
  const server = createTcpServer();
  const url = await listen(server);
  await new Promise((r) => server.close(r));
  return url;
};

const user = { organisationId: 'org-1', email: 'admissions@example.org', name: null };

/** Identity's instances as the directory reaches them: the next one only when one refuses the connection. */
describe('the directory calls identity over a list of its instances', () => {
  const servers: { close(cb: () => void): unknown }[] = [];
  after(async () => {
    for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  });

  it('moves past an instance that refuses the connection to one that answers', async () => {
    const seen: string[] = [];
    const identity = createHttpServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(201).end('{}');
    });
    servers.push(identity);
    const up = await listen(identity);
    await new HttpIdentityClient(`${await refusedUrl()}, ${up}/`).addOrganisationUser(user, 'corr-1');
    assert.deepEqual(seen, [`POST ${ORGANISATION_USERS_PATH}`]);
  });

  it('does not send again when an instance took the connection and dropped it (the request may have been applied)', async () => {
    let dropped = 0;
    const dropping = createTcpServer((socket) => {
      dropped++;
      socket.destroy();
    });
    servers.push(dropping);
    const seen: string[] = [];
    const second = createHttpServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(201).end('{}');
    });
    servers.push(second);
    const client = new HttpIdentityClient(`${await listen(dropping)},${await listen(second)}`);
    await assert.rejects(client.addOrganisationUser(user, 'corr-2'), (e: unknown) => e instanceof DomainError && e.kind === 'unavailable');
    assert.equal(dropped, 1);
    assert.deepEqual(seen, [], 'the second instance was not asked');
  });

  it('is unavailable (503) when every instance refuses', async () => {
    const client = new HttpIdentityClient(`${await refusedUrl()},${await refusedUrl()}`);
    await assert.rejects(client.addOrganisationUser(user, 'corr-3'), (e: unknown) => e instanceof DomainError && e.kind === 'unavailable');
  });
});
