import { closeOnSignals, distributedInfrastructure, startService, startTracing } from '#libs/platform';
import { loadResultsConfig } from './config.js';
import { ResultsModule } from './results.module.js';

/** Distributed mode: results as its own process (configuration from the environment only: config.ts). */
const config = loadResultsConfig();
startTracing('results', config.tracing);
const infra = await distributedInfrastructure('results', config.infrastructure);
const service = await startService(ResultsModule.register(infra), infra, { port: config.port, host: config.host, consumes: false });
closeOnSignals(service, infra);
