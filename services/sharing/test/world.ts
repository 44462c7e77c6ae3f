import { publishResult, registerOrganisation, type Organisation } from './fixtures.js';
import type { SharingHarness } from './harness.js';

export interface World {
  waseda: Organisation;
  immigration: Organisation;
  imperial: Organisation;
  /** Hanako's released result. */
  resultId: string;
  tokens: { hanako: string; taro: string; wasedaUser: string; imperialUser: string };
}

/** Three organisations, one released result of Hanako's, and tokens for the people involved. */
export async function setUpWorld(h: SharingHarness): Promise<World> {
  const waseda = await registerOrganisation(h.bus, 'Waseda University', 'education', ['Admissions', 'Graduate School']);
  const immigration = await registerOrganisation(h.bus, 'Immigration Services Agency', 'immigration', [null]);
  const imperial = await registerOrganisation(h.bus, 'Imperial College London', 'education', ['Admissions']);
  const { resultId } = await publishResult(h.bus, 'C10000001');
  const sign = h.issuer.sign.bind(h.issuer);
  return {
    waseda,
    immigration,
    imperial,
    resultId,
    tokens: {
      hanako: await sign({ sub: 'cand-hanako', roles: ['candidate'], idn: 'C10000001' }),
      taro: await sign({ sub: 'cand-taro', roles: ['candidate'], idn: 'C10000002' }),
      wasedaUser: await sign({ sub: 'user-waseda', roles: ['organisation'], org: waseda.organisationId }),
      imperialUser: await sign({ sub: 'user-imperial', roles: ['organisation'], org: imperial.organisationId }),
    },
  };
}
