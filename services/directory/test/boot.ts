import { validateEnvelope, type KnownEnvelope } from '#libs/contracts';
import type { InProcessBus } from '#libs/messaging';
import { embeddedInfrastructure, startService, type RunningService, type ServiceInfrastructure } from '#libs/platform';
import { MiniSearchDirectoryIndex } from '../src/search/index.js';
import type { TestTokenIssuer } from '#libs/testing';
import { DirectoryModule } from '../src/directory.module.js';
import { HttpIdentityClient } from '../src/integration/identity-http.client.js';

export const PUBLIC_URL = 'http://localhost:3000';

/** Boots the directory on embedded adapters (file store, in-process bus, MiniSearch). */
export async function bootDirectory(options: {
  dataDir: string;
  bus: InProcessBus;
  issuer: TestTokenIssuer;
  seed: 'full' | 'none';
  invitationsPerHour?: number;
  /** identity's internal URL (a FakeIdentity's in these tests). */
  identityUrl: string;
}): Promise<{ service: RunningService; infra: ServiceInfrastructure }> {
  const infra = await embeddedInfrastructure('directory', {
    dataDir: options.dataDir,
    bus: options.bus,
    jwksUrl: () => options.issuer.jwksUrl,
    publicUrl: PUBLIC_URL,
    logLevel: 'warn',
  });
  const module = DirectoryModule.register(infra, {
    searchIndex: new MiniSearchDirectoryIndex(),
    identity: new HttpIdentityClient(options.identityUrl),
    seed: options.seed,
    // MiniSearch holds the index in memory: rebuilt from the events at every boot.
    rebuildIndexAtBoot: true,
    ...(options.invitationsPerHour ? { invitationsPerHour: options.invitationsPerHour } : {}),
  });
  const service = await startService(module, infra, { port: 0, consumes: true });
  return { service, infra };
}

/** Collects the integration envelopes published on a topic, validated against the contracts. */
export function probe(bus: InProcessBus, topic: string): KnownEnvelope[] {
  const seen: KnownEnvelope[] = [];
  bus.subscribe('probe', topic, async (m) => void seen.push(validateEnvelope(JSON.parse(m.value))));
  return seen;
}

