import { MongoClient } from 'mongodb';
import { engineUrls } from '#libs/testing';

/**
 * Stop-gaps until the services expose what the fault test needs (see the issue 7 notes): the
 * recipient accounts sharing knows, read from its database, and the ones the directory published,
 * read from its search index (filled from the same organisations as its events). Both are found
 * by the run's namespace, whatever the exact naming.
 */

export interface RecipientDoc {
  _id: string;
  _version: number;
  active: boolean;
}

async function databaseOf(client: MongoClient, service: string, namespace: string): Promise<string> {
  const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
  const names = databases.map((d) => d.name).filter((n) => n.includes(namespace) && n.includes(service));
  if (names.length !== 1) throw new Error(`expected one ${service} database for namespace ${namespace}, found [${names.join(', ')}]`);
  return names[0];
}

/** Every recipient account in sharing's read model (white box: sharing's own database). */
export async function sharingRecipients(namespace: string): Promise<RecipientDoc[]> {
  const client = await MongoClient.connect(engineUrls.mongoUri);
  try {
    const db = client.db(await databaseOf(client, 'sharing', namespace));
    return await db.collection<RecipientDoc>('recipients').find({}, { projection: { _id: 1, _version: 1, active: 1 } }).toArray();
  } finally {
    await client.close();
  }
}

/** The ids of every recipient account in the directory's search index (white box: its OpenSearch index). */
/** The directory's search index of a namespace (exactly one). */
async function directoryIndexName(namespace: string): Promise<string> {
  const indices = (await (await fetch(`${engineUrls.opensearchUrl}/_cat/indices?format=json`)).json()) as { index: string }[];
  const names = indices.map((i) => i.index).filter((n) => n.includes(namespace) && n.includes('directory'));
  if (names.length !== 1) throw new Error(`expected one directory index for namespace ${namespace}, found [${names.join(', ')}]`);
  return names[0];
}

/** How many accounts the directory's search index holds (after a refresh: what search sees now). */
export async function directoryIndexCount(namespace: string): Promise<number> {
  const base = engineUrls.opensearchUrl;
  const name = encodeURIComponent(await directoryIndexName(namespace));
  await fetch(`${base}/${name}/_refresh`, { method: 'POST' });
  const r = await fetch(`${base}/${name}/_count`);
  if (!r.ok) throw new Error(`OpenSearch _count → ${r.status} ${await r.text()}`);
  return ((await r.json()) as { count: number }).count;
}

export async function directoryRecipientIds(namespace: string): Promise<Set<string>> {
  const base = engineUrls.opensearchUrl;
  const names = [await directoryIndexName(namespace)];
  const ids = new Set<string>();
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`OpenSearch ${path} → ${r.status} ${await r.text()}`);
    return (await r.json()) as { _scroll_id?: string; hits: { hits: { _id: string }[] } };
  };
  await post(`/${encodeURIComponent(names[0])}/_refresh`, {});
  let page = await post(`/${encodeURIComponent(names[0])}/_search?scroll=1m`, { size: 5_000, _source: false, query: { match_all: {} } });
  while (page.hits.hits.length > 0) {
    for (const hit of page.hits.hits) ids.add(hit._id);
    if (!page._scroll_id) break;
    page = await post('/_search/scroll', { scroll: '1m', scroll_id: page._scroll_id });
  }
  if (page._scroll_id) await fetch(`${base}/_search/scroll`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scroll_id: page._scroll_id }) }).catch(() => undefined);
  return ids;
}

/** The types of one stream's events in a service's event store, in version order (white box: its own database). */
export async function streamEventTypes(service: string, namespace: string, streamId: string): Promise<string[]> {
  const client = await MongoClient.connect(engineUrls.mongoUri);
  try {
    const db = client.db(await databaseOf(client, service, namespace));
    const events = await db.collection<{ _id: string; streamId: string; version: number; type: string }>('events').find({ streamId }).toArray();
    return events.sort((a, b) => a.version - b.version).map((e) => e.type);
  } finally {
    await client.close();
  }
}
