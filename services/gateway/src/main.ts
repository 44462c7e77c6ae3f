import { closeOnSignals, startTracing } from '#libs/platform';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './start-gateway.js';

/** Distributed mode: the gateway as its own process, in front of the four services (configuration: config.ts). */
const config = loadGatewayConfig();
startTracing('gateway', config.tracing);
closeOnSignals(await startGateway(config.gateway, config.port, config.host));
