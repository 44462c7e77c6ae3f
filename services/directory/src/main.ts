import { closeOnSignals, distributedInfrastructure, EnvReader, startService } from '#libs/platform';
import { OpenSearchDirectoryIndex } from './search/index.js';
import { DirectoryModule } from './directory.module.js';
import { HttpIdentityClient } from './integration/identity-http.client.js';

/** Distributed mode: directory as its own process, OpenSearch as its search index. */
const env = new EnvReader();
const port = env.int('PORT', 3103);
const host = env.string('HOST', '0.0.0.0');
const node = env.string('OPENSEARCH_URL');
const namespace = env.string('NAMESPACE', '');
const index = env.string('OPENSEARCH_INDEX', namespace ? `${namespace.toLowerCase()}-directory` : 'directory');
const seed = env.string('DIRECTORY_SEED', 'full');
const invitationsPerHour = env.int('INVITATIONS_PER_HOUR', 5);
const rebuildIndex = env.string('DIRECTORY_REBUILD_INDEX', 'false') === 'true';
// identity's internal listener (service to service, not the port the gateway forwards to).
const identity = new HttpIdentityClient(env.string('IDENTITY_INTERNAL_URL'));
if (seed !== 'full' && seed !== 'none') throw new Error(`Invalid configuration:\n  - DIRECTORY_SEED must be "full" or "none", got "${seed}"`);
const infra = await distributedInfrastructure('directory', env);
const searchIndex = new OpenSearchDirectoryIndex({ node, index });
const service = await startService(DirectoryModule.register(infra, { searchIndex, identity, seed, invitationsPerHour, rebuildIndex }), infra, {
  port,
  host,
  // The directory consumes no other service's events (a Kafka consumer with no topics would only idle).
  consumes: false,
});
closeOnSignals(service, infra);
