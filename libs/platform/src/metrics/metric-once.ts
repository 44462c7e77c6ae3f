import { Counter, Gauge, Histogram, register, type Registry } from 'prom-client';

/**
 * Metrics are registered once per registry and process, whatever the number of apps: in embedded
 * mode the four services and the gateway share prom-client's default registry, so every series
 * carries a `service` label instead of each app registering its own copy (which prom-client refuses).
 */
type Kind<T> = new (config: never) => T;

function once<T>(kind: Kind<T>, registry: Registry, name: string, create: () => T): T {
  const existing = registry.getSingleMetric(name);
  if (existing === undefined) return create();
  if (!(existing instanceof kind)) throw new Error(`metric ${name} is already registered as another type`);
  return existing;
}

export function counterOnce<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  registry: Registry = register,
): Counter<L> {
  return once(Counter, registry, name, () => new Counter({ name, help, labelNames, registers: [registry] }));
}

export function gaugeOnce<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  registry: Registry = register,
): Gauge<L> {
  return once(Gauge, registry, name, () => new Gauge({ name, help, labelNames, registers: [registry] }));
}

export function histogramOnce<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
  registry: Registry = register,
): Histogram<L> {
  return once(Histogram, registry, name, () => new Histogram({ name, help, labelNames, buckets, registers: [registry] }));
}
