import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedOrganisations } from '../../organisation/seed/seed-organisations.js';
import { knownNames } from './known-names.js';
import { wholeText } from './text.js';

describe('curated known names (services/directory/data/known-names.json)', () => {
  it('every entry names an organisation of the seed data (name and country), once', async () => {
    const { organisations } = await seedOrganisations();
    const seeded = new Set(organisations.map((o) => `${wholeText(o.name)}|${wholeText(o.country)}`));
    const entries = knownNames().entries;
    assert.ok(entries.length >= 100, `${entries.length} entries`);
    const missing = entries.filter((e) => !seeded.has(`${wholeText(e.name)}|${wholeText(e.country)}`)).map((e) => e.name);
    assert.deepEqual(missing, []);
  });

  it('gives a Japanese name to the Japanese universities listed and to every handmade organisation', async () => {
    const { organisations } = await seedOrganisations();
    const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
    for (const name of ['Waseda University', 'University of Tokyo', 'Keio University', 'Rakuten Group, Inc.', 'Fast Retailing Co., Ltd.', 'UK Visas and Immigration', 'Immigration, Refugees and Citizenship Canada', 'Department of Home Affairs']) {
      const org = organisations.find((o) => o.name === name);
      assert.ok(org, name);
      assert.ok(knownNames().lookup(org.name, org.country)?.aliases.some((a) => japanese.test(a)), name);
    }
    const jp = knownNames().entries.filter((e) => e.country === 'Japan' && e.aliases.some((a) => japanese.test(a)));
    assert.ok(jp.length >= 70, `${jp.length} Japanese organisations with a Japanese name`);
  });
});
