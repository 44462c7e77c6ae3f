import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceHarness } from '#libs/testing';
import { DirectoryModule } from '../src/directory.module.js';
import { HttpIdentityClient } from '../src/integration/identity-http.client.js';
import type { OrganisationUserRequest } from '../src/integration/identity.client.js';
import { InMemoryDirectoryIndex } from '../src/search/index.js';

export const PUBLIC_URL = 'http://localhost:3000';

/** The directory on embedded adapters (file store, in-process bus, the in-memory search index), identity played by a FakeIdentity. */
export class DirectoryHarness extends ServiceHarness {
  private constructor(
    readonly identity: FakeIdentity,
    options: { seed: 'full' | 'none'; invitationsPerHour?: number; identityUrl?: string; invitationApproval?: 'required' | 'off' },
  ) {
    super({
      name: 'directory',
      publicUrl: PUBLIC_URL,
      module: (infra) =>
        DirectoryModule.register(infra, {
          searchIndex: new InMemoryDirectoryIndex(),
          identity: new HttpIdentityClient(options.identityUrl ?? identity.url),
          seed: options.seed,
          // The in-memory index is rebuilt from the events at every boot.
          rebuildIndexAtBoot: true,
          ...(options.invitationsPerHour ? { invitationsPerHour: options.invitationsPerHour } : {}),
          ...(options.invitationApproval ? { invitationApproval: options.invitationApproval } : {}),
        }),
      onClose: () => identity.close(),
    });
  }

  /** `identityUrl` points the directory elsewhere than at its FakeIdentity (somewhere unreachable). */
  static async start(
    options: { seed?: 'full' | 'none'; invitationsPerHour?: number; identityUrl?: string; invitationApproval?: 'required' | 'off' } = {},
  ): Promise<DirectoryHarness> {
    return new DirectoryHarness(await FakeIdentity.start(), { seed: 'none', ...options }).start();
  }
}

/**
 * identity's internal route as the directory sees it, over real HTTP (so the HTTP adapter is
 * exercised): an address belongs to one organisation; a repeat for the same one answers 200.
 * identity's own tests check the real route; here it only stands in for the other service.
 */
export class FakeIdentity {
  readonly requests: OrganisationUserRequest[] = [];
  private readonly owners = new Map<string, string>();
  /** When set, every connection is dropped: identity unreachable. */
  down = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeIdentity> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeIdentity(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      if (fake.down) return void req.socket.destroy();
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (req.method !== 'POST' || req.url !== '/internal/organisation-users') return send(404, { statusCode: 404 });
        const user = JSON.parse(raw) as OrganisationUserRequest;
        fake.requests.push(user);
        const owner = fake.owners.get(user.email);
        if (owner && owner !== user.organisationId) {
          return send(409, { statusCode: 409, error: 'Conflict', message: 'This e-mail address already belongs to another account.', code: 'ACCOUNT.EMAIL_TAKEN' });
        }
        fake.owners.set(user.email, user.organisationId);
        send(owner ? 200 : 201, { userId: `user-${user.email}` });
      });
    });
    return fake;
  }

  /** An address some other account (another organisation, the operator) already has. */
  claim(email: string, owner = 'someone-else'): void {
    this.owners.set(email, owner);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
