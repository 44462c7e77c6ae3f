import { rename, writeFile } from 'node:fs/promises';

/** One instance as the gateway's UPSTREAMS_FILE lists it (services/gateway/src/upstreams/upstream-sources.ts reads it). */
export interface ListedInstance {
  url: string;
  internalUrl: string;
}

/** Rewrites the file in one step (a write beside it, then a rename): the gateways never read half of it. */
export async function writeUpstreamsFile(path: string, instances: Record<string, ListedInstance[]>): Promise<void> {
  const next = `${path}.${process.pid}.tmp`;
  await writeFile(next, `${JSON.stringify(instances, null, 2)}\n`);
  await rename(next, path);
}
