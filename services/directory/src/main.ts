import { closeOnSignals, distributedInfrastructure, startService, startTracing } from '#libs/platform';
import { loadDirectoryConfig } from './config.js';
import { DirectoryModule } from './directory.module.js';
import { HttpIdentityClient } from './integration/identity-http.client.js';
import { OpenSearchDirectoryIndex } from './search/index.js';

/** Distributed mode: directory as its own process, OpenSearch as its search index (configuration: config.ts). */
const config = loadDirectoryConfig();
startTracing('directory', config.tracing);
const infra = await distributedInfrastructure('directory', config.infrastructure);
const service = await startService(
  DirectoryModule.register(infra, {
    searchIndex: new OpenSearchDirectoryIndex(config.opensearch),
    // identity's internal listener (service to service, not the port the gateway forwards to).
    identity: new HttpIdentityClient(config.identityInternalUrl),
    seed: config.seed,
    invitationsPerHour: config.invitationsPerHour,
    rebuildIndexAtBoot: config.rebuildIndexAtBoot,
    invitationApproval: config.invitationApproval,
  }),
  infra,
  // The directory consumes sharing's share events (popularity in search).
  { port: config.port, host: config.host, consumes: true },
);
closeOnSignals(service, infra);
