import { closeOnSignals, distributedInfrastructure, EnvReader, startService } from '#libs/platform';
import { ResultsModule } from './results.module.js';

/** Distributed mode: results as its own process (configuration from the environment only). */
const env = new EnvReader();
const port = env.int('PORT', 3102);
const host = env.string('HOST', '0.0.0.0');
const infra = await distributedInfrastructure('results', env);
const service = await startService(ResultsModule.register(infra), infra, { port, host, consumes: false });
closeOnSignals(service, infra);
