import { createServer } from 'node:net';

/** The services that run as instances behind the gateway, in their port order. */
export const SERVICE_NAMES = ['identity', 'results', 'directory', 'sharing'] as const;
export type ServiceProcessName = (typeof SERVICE_NAMES)[number];
/** Every process the distributed launcher runs; each may run as several instances. */
export type InstanceName = ServiceProcessName | 'gateway';
export const INSTANCE_NAMES: readonly InstanceName[] = [...SERVICE_NAMES, 'gateway'];
/** At most this many instances of one process (REPLICAS and the tests' port blocks are sized for it). */
export const MAX_INSTANCES = 8;
/** A service's internal listener (health, metrics, OpenAPI) and the gateway's metrics are on PORT + 1000. */
export const INTERNAL_OFFSET = 1000;

export function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Hands out each instance's PORT (its internal port is PORT + 1000). Instance j of the service at
 * place s takes `base + s + 4j`, gateway g takes `gatewayPort + g`; a port already handed out, or
 * taken by another program when an instance is added later, moves it on by 4.
 */
export class InstancePorts {
  private readonly taken = new Set<number>();

  constructor(
    private readonly base: number,
    private readonly gatewayPort: number,
  ) {}

  async next(name: InstanceName, index: number): Promise<number> {
    let port = name === 'gateway' ? this.gatewayPort + index : this.base + SERVICE_NAMES.indexOf(name) + 4 * index;
    const step = name === 'gateway' ? 1 : 4;
    for (let tries = 0; ; tries++) {
      const clash = this.taken.has(port) || this.taken.has(port + INTERNAL_OFFSET);
      // The first instances' ports are the caller's choice (checked free by the tests' port block).
      if (!clash && (index === 0 || ((await isFree(port)) && (await isFree(port + INTERNAL_OFFSET))))) break;
      if (tries > 100) throw new Error(`no free port pair for ${name} instance ${index} near ${port}`);
      port += step;
    }
    this.taken.add(port);
    this.taken.add(port + INTERNAL_OFFSET);
    return port;
  }
}
