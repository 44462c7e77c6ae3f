import type { Clock } from '#libs/event-store';
import { ServiceHarness } from '#libs/testing';
import { ResultsModule } from '../src/results.module.js';

/** results on embedded adapters, tokens from a test issuer; it consumes nothing (it only publishes). */
export function startResults(options: { clock?: Clock } = {}): Promise<ServiceHarness> {
  return new ServiceHarness({ name: 'results', module: (infra) => ResultsModule.register(infra), consumes: false, ...options }).start();
}
