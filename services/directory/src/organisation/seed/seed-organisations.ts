import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deterministicUuid } from '#libs/domain';
import { loadUniversities, UNIVERSITIES_FILE, type University } from '../../search/index.js';
import type { RegisteredOrganisation } from '../organisation.events.js';
import { HANDMADE_ORGANISATIONS } from './handmade-organisations.js';


/** The repository root: the first folder above this module that holds a package.json. */
export function repoRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const orgIdOf = (name: string, country: string) => deterministicUuid(`organisation:${name.trim().toLowerCase()}|${country.trim().toLowerCase()}`);
const recipientIdOf = (organisationId: string, department: string | null) => deterministicUuid(`recipient:${organisationId}|${department ?? ''}`);

function organisation(
  fields: Omit<RegisteredOrganisation, 'organisationId' | 'recipients' | 'firstUser' | 'email'>,
  departments: readonly string[],
): RegisteredOrganisation {
  const organisationId = orgIdOf(fields.name, fields.country);
  const recipients = [null, ...departments].map((department) => ({ recipientId: recipientIdOf(organisationId, department), department }));
  return { ...fields, organisationId, email: null, recipients, firstUser: null };
}

// The id derives from the name as the data file spells it (ids already stored stay); the name shown is the readable one.
const fromUniversity = (u: University & { sourceName: string }): RegisteredOrganisation => ({
  ...organisation(
    { name: u.sourceName.trim(), kind: 'education', country: u.country.trim(), website: u.web_pages[0]?.trim() || null, aliases: [] },
    [],
  ),
  name: u.name,
});

/**
 * Every seed organisation, with deterministic ids: each university with one main account, then
 * the handmade ones (a handmade entry for a listed university replaces it, keeping its id).
 * Records that repeat a name and country are imported once.
 */
export async function seedOrganisations(): Promise<{ organisations: RegisteredOrganisation[]; repeated: number }> {
  const universities = await loadUniversities(join(repoRoot(), UNIVERSITIES_FILE));
  const byId = new Map<string, RegisteredOrganisation>();
  let repeated = 0;
  for (const u of universities) {
    if (!u.name?.trim() || !u.country?.trim()) continue;
    const org = fromUniversity(u);
    if (byId.has(org.organisationId)) repeated++;
    else byId.set(org.organisationId, org);
  }
  for (const h of HANDMADE_ORGANISATIONS) {
    const org = organisation({ name: h.name, kind: h.kind, country: h.country, website: h.website, aliases: h.aliases }, h.departments);
    byId.set(org.organisationId, org);
  }
  return { organisations: [...byId.values()], repeated };
}
