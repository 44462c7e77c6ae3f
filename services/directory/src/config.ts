import { EnvReader, readInfrastructureConfig, type InfrastructureConfig, readTracingConfig, type TracingConfig } from '#libs/platform';

/** What the directory itself reads from the environment, in either mode. */
export interface DirectorySettings {
  /** DIRECTORY_SEED: "full" (default) imports the universities and a few handmade organisations on first start; "none" skips it. */
  seed: 'full' | 'none';
  /** INVITATIONS_PER_HOUR (5): invitations one candidate may send per hour. */
  invitationsPerHour: number;
  /**
   * Fill the search index from the directory's events at every boot: DIRECTORY_REBUILD_INDEX=true
   * for a persistent index (filled in place, never dropped: other instances may be serving from it;
   * a mapping change takes a new OPENSEARCH_INDEX name); always for an index held in memory (the
   * embedded launcher sets it). A persistent index that is empty while organisations exist is
   * filled anyway (a lost index, a new name).
   */
  rebuildIndexAtBoot: boolean;
  /**
   * INVITATION_APPROVAL: "required" keeps an organisation that accepted an invitation out of
   * search (and its waiting shares undelivered) until the operator approves it; "off" (default)
   * lists it at once.
   */
  invitationApproval: 'required' | 'off';
}

/** The directory in its own process (distributed mode): everything it reads from the environment, once, at boot. */
export interface DirectoryConfig extends DirectorySettings {
  /** PORT (3103): the API; the internal listener is on INTERNAL_PORT (default PORT + 1000). */
  port: number;
  /** The OpenTelemetry variables (docs/production/tracing.md): off unless an OTLP endpoint is set. */
  tracing: TracingConfig;
  /** HOST (0.0.0.0). */
  host: string;
  infrastructure: InfrastructureConfig;
  /** OPENSEARCH_URL (required) and OPENSEARCH_INDEX (default `<namespace>-directory`, or `directory`). */
  opensearch: { node: string; index: string };
  /** IDENTITY_INTERNAL_URL (required): identity's internal listener, where organisation users are created (a comma-separated list: each instance, tried in turn while one refuses). */
  identityInternalUrl: string;
}

/** The directory's own settings, read with the caller's reader (the embedded launcher reads every service's at once). */
export function readDirectorySettings(env: EnvReader): DirectorySettings {
  return {
    seed: env.oneOf('DIRECTORY_SEED', ['full', 'none'] as const, 'full'),
    invitationsPerHour: env.int('INVITATIONS_PER_HOUR', 5),
    rebuildIndexAtBoot: env.flag('DIRECTORY_REBUILD_INDEX', false),
    invitationApproval: env.oneOf('INVITATION_APPROVAL', ['required', 'off'] as const, 'off'),
  };
}

/** Reads and checks every variable the directory uses; throws one error listing every problem. */
export function loadDirectoryConfig(env: NodeJS.ProcessEnv = process.env): DirectoryConfig {
  const reader = new EnvReader(env);
  const infrastructure = readInfrastructureConfig(reader);
  const namespace = infrastructure.namespace;
  const config: DirectoryConfig = {
    port: reader.int('PORT', 3103),
    host: reader.string('HOST', '0.0.0.0'),
    ...readDirectorySettings(reader),
    infrastructure,
    tracing: readTracingConfig(reader),
    opensearch: {
      node: reader.string('OPENSEARCH_URL'),
      index: reader.string('OPENSEARCH_INDEX', namespace ? `${namespace.toLowerCase()}-directory` : 'directory'),
    },
    identityInternalUrl: reader.string('IDENTITY_INTERNAL_URL'),
  };
  reader.done();
  return config;
}
