import type { AdminCredentials } from './admin-credentials.js';
import { banner, localUrl, operatorRows } from './banner.js';

export interface DistributedBannerFacts {
  url: string;
  admin: AdminCredentials;
  dataDir: string;
  mailDir: string;
  kafkaBrokers: string;
  mongoUri: string;
  opensearchUrl: string;
}

/** What `npm run start:dist` prints once the gateway answers (the services log on, each naming itself). */
export function distributedBanner(facts: DistributedBannerFacts): string {
  const url = localUrl(facts.url);
  const gatewayPort = Number(new URL(facts.url).port || 80);
  return banner('Results Service is up (distributed: one process per service, on the engines)', [
    ['Portal', url],
    ['API', `${url}/api/v1  (OpenAPI: ${url}/api/docs)`],
    ...operatorRows(facts.admin),
    ['Engines', `Kafka ${facts.kafkaBrokers}, MongoDB ${hostOf(facts.mongoUri)}, OpenSearch ${hostOf(facts.opensearchUrl)}`],
    ['E-mail', `written as .eml files under ${facts.mailDir} (over SMTP when SMTP_URL is set)`],
    ['Health', `${url}/health/ready  (every service's readiness, outbox backlog and consumer lag)`],
    ['Metrics', `each service's internal listener, PORT + 1000: /metrics (the gateway's: port ${gatewayPort + 1000})`],
    ['Stop', 'Ctrl+C stops every process'],
  ]);
}

/** Host and port only: a connection string may carry credentials. */
const hostOf = (url: string): string => (URL.canParse(url) ? new URL(url).host : url);
