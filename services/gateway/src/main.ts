import { closeOnSignals, startTracing } from '#libs/platform';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './start-gateway.js';

/** Distributed mode: the gateway as its own process, in front of the four services (configuration: config.ts). */
const config = loadGatewayConfig();
startTracing('gateway', config.tracing);
// Its metrics on PORT + 1000, as a service's internal listener (any free port when PORT is 0).
const metricsPort = config.port === 0 ? 0 : config.port + 1000;
closeOnSignals(await startGateway(config.gateway, config.port, config.host, { metricsPort }));
