import { banner, localUrl, mailRow, operatorRows, type BannerRow } from './banner.js';
import type { EmbeddedSystem } from './embedded.js';

/** What `npm start` prints once the system is up. */
export function embeddedBanner(system: EmbeddedSystem, smtpUrl: string | undefined, logLevel: string): string {
  const url = localUrl(system.url);
  // One process, one metrics registry: any service's internal listener shows every service's series.
  const internal = system.services.find((s) => s.internalUrl !== s.url)?.internalUrl;
  const rows: BannerRow[] = [
    ['Portal', url],
    ['API', `${url}/api/v1  (OpenAPI: ${url}/api/docs)`],
    ...operatorRows(system.admin),
    ['Data', system.dataDir],
    mailRow(smtpUrl, system.mailDir),
    ['Health', `${url}/health/ready`],
  ];
  if (internal) rows.push(['Metrics', `${internal}/metrics`]);
  rows.push(['Logs', `level ${logLevel} (LOG_LEVEL); JSON lines when the output is not a terminal`]);
  return banner('Results Service is up (embedded: every service in this process, data on disk)', rows, 'Stop with Ctrl+C.');
}
