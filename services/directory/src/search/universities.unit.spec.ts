import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deterministicUuid } from '#libs/domain';
import { seedOrganisations } from '../organisation/seed/seed-organisations.js';
import { loadUniversities, readableName } from './universities.js';

describe('the university data set as the directory reads it', () => {
  it('mends Windows-1252 quotes read as control characters and drops other control characters', () => {
    assert.equal(readableName('Medical Academy \x93Ludwik Rydygier\x94 in Bydgoszcz'), 'Medical Academy “Ludwik Rydygier” in Bydgoszcz');
    assert.equal(readableName(' A\u0007B\x85C '), 'ABC');
    assert.equal(readableName('Universite\u0301'), 'Université');
  });

  it('holds no control character in any name, and the seed keeps the ids derived from the names as the file spells them', async () => {
    const universities = await loadUniversities();
    // eslint-disable-next-line no-control-regex
    assert.deepEqual(universities.filter((u) => /[\u0000-\u001f\u007f-\u009f]/.test(u.name)).map((u) => u.name), []);
    const mended = universities.filter((u) => u.sourceName !== u.name && u.sourceName.trim() !== u.name);
    assert.equal(mended.length, 4);
    const { organisations } = await seedOrganisations();
    for (const u of mended) {
      const id = deterministicUuid(`organisation:${u.sourceName.trim().toLowerCase()}|${u.country.trim().toLowerCase()}`);
      assert.equal(organisations.find((o) => o.organisationId === id)?.name, u.name, u.name);
    }
  });
});
