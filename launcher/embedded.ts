import { join, resolve } from 'node:path';
import { InProcessBus } from '#libs/messaging';
import { embeddedInfrastructure, startService, type RunningService } from '#libs/platform';
import { InMemoryDirectoryIndex } from '../services/directory/src/search/index.js';
import { DirectoryModule } from '../services/directory/src/directory.module.js';
import { startGateway } from '../services/gateway/src/start-gateway.js';
import { HttpIdentityClient } from '../services/directory/src/integration/identity-http.client.js';
import { identityInternalRoutes } from '../services/identity/src/identity.internal-routes.js';
import { IdentityModule } from '../services/identity/src/identity.module.js';
import { ResultsModule } from '../services/results/src/results.module.js';
import { SharingModule } from '../services/sharing/src/sharing.module.js';
import { adminCredentials, type AdminCredentials } from './admin-credentials.js';
import { loadServiceSettings } from './config.js';

export interface EmbeddedOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  adminEmail?: string;
  adminPassword?: string;
  smtpUrl?: string;
  logLevel?: string;
  /** 'full' imports the 10,251 universities on first start (default: the directory's DIRECTORY_SEED). */
  seed?: 'full' | 'none';
  publicUrl?: string;
}

export interface EmbeddedSystem {
  url: string;
  admin: AdminCredentials;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  mailDir: string;
  services: RunningService[];
  stop(): Promise<void>;
}

/**
 * The whole system in one Node.js process: the four services and the gateway, each its own
 * NestJS app on loopback, a file store per service under DATA_DIR, an in-process bus for Kafka,
 * an in-memory index for OpenSearch. The gateway calls the services over HTTP, as in distributed mode.
 * Each service's own settings are read from the environment by its config.ts (loadServiceSettings),
 * once, here; `options` take precedence over them.
 */
export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedSystem> {
  const dataDir = resolve(options.dataDir ?? './.data');
  const logLevel = options.logLevel ?? 'info';
  const settings = await loadServiceSettings(dataDir);
  const admin = await adminCredentials(dataDir, {
    adminEmail: options.adminEmail || settings.identity.adminEmail,
    adminPassword: options.adminPassword || settings.identity.adminPassword,
  });
  const bus = new InProcessBus();
  let identityUrl = '';
  let publicUrl = options.publicUrl ?? `http://localhost:${options.port ?? 3000}`;
  const base = { dataDir, bus, jwksUrl: () => `${identityUrl}/.well-known/jwks.json`, publicUrl: '', smtpUrl: options.smtpUrl, logLevel };
  const infra = async (name: string) => {
    const i = await embeddedInfrastructure(name, base);
    // The gateway's port is known only after it listens; e-mails read the URL when they are sent.
    Object.defineProperty(i, 'publicUrl', { get: () => publicUrl });
    return i;
  };
  const started: RunningService[] = [];
  try {
    const identityInfra = await infra('identity');
    const identity = await startService(
      IdentityModule.register(identityInfra, { adminEmail: admin.email, adminPassword: admin.password }),
      identityInfra,
      { port: 0, consumes: true, internalRoutes: identityInternalRoutes },
    );
    started.push(identity);
    identityUrl = identity.url;
    const resultsInfra = await infra('results');
    started.push(await startService(ResultsModule.register(resultsInfra), resultsInfra, { port: 0, consumes: false }));
    const directoryInfra = await infra('directory');
    const searchIndex = new InMemoryDirectoryIndex();
    started.push(
      await startService(
        DirectoryModule.register(directoryInfra, {
          ...settings.directory,
          searchIndex,
          identity: new HttpIdentityClient(identity.internalUrl),
          seed: options.seed ?? settings.directory.seed,
          // The in-memory index is rebuilt from the directory's events at every boot.
          rebuildIndexAtBoot: true,
        }),
        directoryInfra,
        { port: 0, consumes: true },
      ),
    );
    const sharingInfra = await infra('sharing');
    started.push(
      await startService(SharingModule.register(sharingInfra, { webhooks: settings.sharing.webhooks, feed: settings.sharing.feed }), sharingInfra, { port: 0, consumes: true }),
    );
    const [, results, directory, sharing] = started as [RunningService, RunningService, RunningService, RunningService];
    const gateway = await startGateway(
      {
        services: { identity: identity.url, results: results.url, directory: directory.url, sharing: sharing.url },
        internal: { identity: identity.internalUrl, results: results.internalUrl, directory: directory.internalUrl, sharing: sharing.internalUrl },
        // The client connects to the gateway directly: no proxy is trusted for X-Forwarded-For.
        trustProxy: [],
        jwksUrl: () => `${identityUrl}/.well-known/jwks.json`,
        portalDir: new URL('../../portal/dist', import.meta.url).pathname,
        ...settings.gateway,
        logLevel,
      },
      options.port ?? 3000,
      options.host ?? '127.0.0.1',
    );
    started.push(gateway);
    if (!options.publicUrl) publicUrl = gateway.url.replace('127.0.0.1', 'localhost');
    bus.open();
    return {
      url: gateway.url,
      admin,
      adminEmail: admin.email,
      adminPassword: admin.password,
      dataDir,
      mailDir: join(dataDir, 'mail'),
      services: started,
      stop: async () => {
        for (const service of [...started].reverse()) await service.close();
        await bus.close();
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.close().catch(() => undefined);
    throw error;
  }
}
