import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DirectoryEntry, DirectoryHit, DirectorySearchIndex } from './directory-index.port.js';
import { loadUniversities, universityEntries } from './universities.js';

/** What an adapter's test file supplies: a fresh, empty index and how to dispose of it. */
export interface ContractSubject {
  makeIndex(): Promise<DirectorySearchIndex>;
  dispose(index: DirectorySearchIndex): Promise<void>;
}

const WASEDA_ORG = 'org-waseda';

/** Handmade accounts on top of the real data set. */
function handmadeEntries(): DirectoryEntry[] {
  const base = { aliases: [] as string[], website: null };
  return [
    {
      ...base,
      recipientId: 'waseda-sci',
      organisationId: WASEDA_ORG,
      organisationName: 'Waseda University',
      department: 'Faculty of Science and Engineering',
      country: 'Japan',
      kind: 'education',
    },
    {
      ...base,
      recipientId: 'waseda-law',
      organisationId: WASEDA_ORG,
      organisationName: 'Waseda University',
      department: 'Graduate School of Law',
      country: 'Japan',
      kind: 'education',
    },
    {
      ...base,
      recipientId: 'emp-rakuten',
      organisationId: 'org-rakuten',
      organisationName: 'Rakuten Group, Inc.',
      department: 'Human Resources',
      country: 'Japan',
      kind: 'employer',
    },
    {
      ...base,
      recipientId: 'imm-ukvi',
      organisationId: 'org-ukvi',
      organisationName: 'UK Visas and Immigration',
      department: null,
      country: 'United Kingdom',
      kind: 'immigration',
      aliases: ['UKVI', 'Home Office Visas'],
    },
  ];
}

const names = (hits: DirectoryHit[]): string[] =>
  hits.map((h) => (h.department ? `${h.organisationName} / ${h.department}` : h.organisationName));

/**
 * The behaviour every DirectorySearchIndex adapter must show, on the real universities data set
 * (services/directory/data/universities.json) plus a few handmade accounts.
 */
export function directoryIndexContract(name: string, subject: ContractSubject): void {
  describe(`DirectorySearchIndex contract: ${name}`, () => {
    let index: DirectorySearchIndex;
    let total = 0;

    before(async () => {
      index = await subject.makeIndex();
      await Promise.all([index.init(), index.init()]); // concurrent creates are tolerated
      await index.init(); // idempotent
      const entries = universityEntries(await loadUniversities());
      const mit = entries.find((e) => e.organisationName === 'Massachusetts Institute of Technology');
      assert.ok(mit, 'the data set has MIT');
      mit.aliases = ['MIT'];
      const all = [...entries, ...handmadeEntries()];
      total = all.length;
      await index.upsert(all);
    });

    after(async () => {
      if (index) await subject.dispose(index);
    });

    it('holds every account', async () => {
      assert.equal(await index.count(), total);
    });

    it('finds the University of Cambridge in the top 3 for the prefix "Camb"', async () => {
      const hits = await index.search('Camb', 10);
      const rank = hits.findIndex((h) => h.organisationName === 'University of Cambridge');
      assert.ok(rank >= 0 && rank < 3, `ranked ${rank}: ${names(hits).join(' | ')}`);
    });

    it('ranks the main Waseda University account first for "Wase", then its departments', async () => {
      const hits = await index.search('Wase', 10);
      assert.equal(hits[0]?.organisationName, 'Waseda University', names(hits).join(' | '));
      assert.equal(hits[0]?.department, null, names(hits).join(' | '));
      const top3 = hits
        .slice(0, 3)
        .map((h) => h.recipientId)
        .sort();
      assert.deepEqual(
        top3.filter((id) => id.startsWith('waseda-')),
        ['waseda-law', 'waseda-sci'],
      );
    });

    it('folds accents: "Universite de Montreal" finds "Université de Montréal" first', async () => {
      const hits = await index.search('Universite de Montreal', 5);
      assert.equal(hits[0]?.organisationName, 'Université de Montréal', names(hits).join(' | '));
    });

    it('forgives a small typo: "Cambrdge" finds the University of Cambridge first', async () => {
      const hits = await index.search('Cambrdge', 5);
      assert.equal(hits[0]?.organisationName, 'University of Cambridge', names(hits).join(' | '));
    });

    it('matches an alias: "MIT" finds the Massachusetts Institute of Technology first', async () => {
      const hits = await index.search('MIT', 5);
      assert.equal(
        hits[0]?.organisationName,
        'Massachusetts Institute of Technology',
        names(hits).join(' | '),
      );
    });

    it('tells departments apart: organisation name + a department word ranks that department first', async () => {
      const science = await index.search('Waseda Science', 5);
      assert.equal(science[0]?.recipientId, 'waseda-sci', names(science).join(' | '));
      const law = await index.search('Waseda law', 5);
      assert.equal(law[0]?.recipientId, 'waseda-law', names(law).join(' | '));
    });

    it('"Imperial" finds Imperial College London in the top 3, names starting with the word first', async () => {
      const hits = await index.search('Imperial', 5);
      const rank = hits.findIndex((h) => h.organisationName === 'Imperial College London');
      assert.ok(rank >= 0 && rank < 3, `ranked ${rank}: ${names(hits).join(' | ')}`);
      assert.ok(
        hits.slice(0, 3).every((h) => h.organisationName.startsWith('Imperial ')),
        names(hits).join(' | '),
      );
    });

    it('finds employers and immigration authorities, with their kind', async () => {
      const employer = await index.search('Rakuten', 3);
      assert.equal(employer[0]?.recipientId, 'emp-rakuten');
      assert.equal(employer[0]?.kind, 'employer');
      assert.equal(employer[0]?.department, 'Human Resources');
      const authority = await index.search('ukvi', 3);
      assert.equal(authority[0]?.recipientId, 'imm-ukvi');
      assert.equal(authority[0]?.kind, 'immigration');
      assert.equal(authority[0]?.country, 'United Kingdom');
    });

    it('respects the limit, best match first', async () => {
      const hits = await index.search('University', 7);
      assert.equal(hits.length, 7);
      for (let i = 1; i < hits.length; i++) {
        assert.ok(
          hits[i - 1].score >= hits[i].score,
          `scores not descending: ${hits.map((h) => h.score).join(', ')}`,
        );
      }
      assert.equal((await index.search('Tokyo', 1)).length, 1);
    });

    it('returns no hits for an empty or blank query', async () => {
      assert.deepEqual(await index.search('', 10), []);
      assert.deepEqual(await index.search('   \t', 10), []);
    });

    it('upsert replaces by recipientId: after a rename the new name is found, not the old', async () => {
      const entry: DirectoryEntry = {
        recipientId: 'emp-rename',
        organisationId: 'org-rename',
        organisationName: 'Zephyrine Logistics',
        department: null,
        country: 'Japan',
        kind: 'employer',
        aliases: [],
        website: null,
      };
      await index.upsert([entry]);
      assert.equal((await index.search('Zephyrine', 5))[0]?.recipientId, 'emp-rename');
      await index.upsert([{ ...entry, organisationName: 'Quillmarrow Freight' }]);
      const renamed = await index.search('Quillmarrow', 5);
      assert.equal(renamed[0]?.recipientId, 'emp-rename');
      assert.equal(renamed[0]?.organisationName, 'Quillmarrow Freight');
      const old = await index.search('Zephyrine', 5);
      assert.ok(!old.some((h) => h.recipientId === 'emp-rename'), names(old).join(' | '));
      assert.equal(await index.count(), total + 1);
      total += 1;
    });

    it('finds other scripts: part of a Japanese name, full-width and half-width forms, kana in either form', async () => {
      const waseda = (q: string) => index.search(q, 3).then((hits) => hits[0]?.organisationName);
      await index.upsert([{ ...handmadeEntries()[0], recipientId: 'waseda-main', department: null, aliases: ['早稲田大学', 'わせだだいがく'] }]);
      for (const q of ['早稲田大学', '早稲田', '稲田大', 'ＷＡＳＥＤＡ', 'ワセダ', 'ﾜｾﾀﾞ', 'わせだ']) assert.equal(await waseda(q), 'Waseda University', q);
    });

    it('finds curated and derived acronyms, the website domain and its parts, and transposed letters', async () => {
      const first = async (q: string) => (await index.search(q, 5))[0]?.organisationName;
      assert.equal(await first('EPFL'), 'EPFL - EPF Lausanne');
      assert.equal(await first('KAIST'), 'Korea Advanced Institute of Science & Technology');
      assert.equal(await first('NUS'), 'National University of Singapore');
      assert.equal(await first('ox.ac.uk'), 'University of Oxford');
      assert.equal(await first('https://www.u-tokyo.ac.jp/'), 'University of Tokyo');
      assert.equal(await first('Yonsie'), 'Yonsei University');
      assert.equal(await first('Cmabridge'), 'University of Cambridge');
    });

    it('a typo does not drown exact prefix matches: "Oxfo" lists the names starting with it first', async () => {
      const hits = await index.search('Oxfo', 10);
      assert.deepEqual(names(hits.slice(0, 2)).sort(), ['Oxford Brookes University', 'University of Oxford'], names(hits).join(' | '));
    });

    it('popularity lifts an organisation among equal matches, survives an upsert of its accounts, and never beats an exact name', async () => {
      const entry = (id: string, name: string): DirectoryEntry => ({
        recipientId: id, organisationId: `org-${id}`, organisationName: name, department: null, country: 'Japan', kind: 'employer', aliases: [], website: null,
      });
      await index.upsert([entry('pop-a', 'Ptarmigan Holdings'), entry('pop-b', 'Ptarmigan Holdings Group')]);
      const order = async (q: string) => (await index.search(q, 5)).map((h) => h.recipientId);
      assert.deepEqual(await order('Ptarmigan'), ['pop-a', 'pop-b']);
      await index.setPopularity([{ organisationId: 'org-pop-b', shares: 12 }]);
      assert.deepEqual(await order('Ptarmigan'), ['pop-b', 'pop-a']);
      await index.upsert([entry('pop-b', 'Ptarmigan Holdings Group')]);
      assert.deepEqual(await order('Ptarmigan'), ['pop-b', 'pop-a'], 'kept across an upsert');
      assert.deepEqual(await order('Ptarmigan Holdings'), ['pop-a', 'pop-b'], 'the exact name first');
    });

    it('remove() takes accounts out of search by recipientId (an unknown id is no error); an upsert brings one back', async () => {
      const entry = (id: string, department: string | null): DirectoryEntry => ({
        recipientId: id, organisationId: 'org-vellichor', organisationName: 'Vellichor Academy', department, country: 'Japan', kind: 'education', aliases: ['Vellichor Gakuin'], website: null,
      });
      const before = await index.count();
      await index.upsert([entry('vel-main', null), entry('vel-law', 'School of Law')]);
      const found = async (q: string) => (await index.search(q, 5)).map((h) => h.recipientId).sort();
      assert.deepEqual(await found('Vellichor'), ['vel-law', 'vel-main']);
      await index.remove(['vel-law', 'never-indexed']);
      assert.deepEqual(await found('Vellichor'), ['vel-main']);
      assert.deepEqual(await found('Gakuin Vellichor'), ['vel-main'], 'by its alias too');
      assert.equal(await index.count(), before + 1);
      await index.remove([]);
      await index.upsert([entry('vel-law', 'School of Law')]);
      assert.equal((await index.search('Vellichor law', 5))[0]?.recipientId, 'vel-law');
      await index.remove(['vel-law', 'vel-main']);
      assert.deepEqual(await found('Vellichor'), []);
      assert.equal(await index.count(), before);
    });

    it('clear() drops every entry', async () => {
      await index.clear();
      assert.equal(await index.count(), 0);
      assert.deepEqual(await index.search('Cambridge', 5), []);
    });
  });
}
