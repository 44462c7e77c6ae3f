import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';
import { deadLetterMetrics, httpMetrics, installReadinessMetrics, projectionMetrics } from '#libs/platform';
import { webhookMetrics } from '../../services/sharing/src/webhooks/webhook.metrics.js';
import { groupingLabels, metricNames } from './promql-names.js';

const deploy = new URL('../../../deploy/observability/', import.meta.url);

/** What the services register, read from a real registry: name → label names. */
async function registered(): Promise<Map<string, Set<string>>> {
  const registry = new Registry();
  httpMetrics(registry);
  projectionMetrics(registry);
  deadLetterMetrics(registry);
  webhookMetrics(registry);
  installReadinessMetrics(registry);
  collectDefaultMetrics({ register: registry });
  const known = new Map<string, Set<string>>();
  for (const metric of await registry.getMetricsAsJSON()) {
    const labels = new Set(((registry.getSingleMetric(metric.name) as { labelNames?: string[] } | undefined)?.labelNames ?? []));
    // Prometheus's own on every series: the scrape's job and instance.
    for (const l of ['job', 'instance']) labels.add(l);
    const names = String(metric.type) === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => metric.name + s) : [metric.name];
    for (const name of names) known.set(name, name.endsWith('_bucket') ? new Set([...labels, 'le']) : labels);
  }
  // Prometheus's own: whether a scrape reached the target.
  known.set('up', new Set(['job', 'instance']));
  return known;
}

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}

/** Each expression's metrics are registered, and every label it groups by is on all of them. */
function unknownIn(expr: string, known: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  const names = metricNames(expr);
  if (names.length === 0) problems.push(`no metric in ${expr}`);
  for (const name of names) {
    const labels = known.get(name);
    if (!labels) problems.push(`${name} is not registered`);
    else for (const label of groupingLabels(expr)) if (!labels.has(label) && label !== 'le') problems.push(`${name} has no label ${label}`);
  }
  return problems;
}

describe('observability: the dashboard and the alert rules read only metrics the services register', () => {
  it('every panel of the Grafana dashboard names registered metrics and labels', async () => {
    const known = await registered();
    const dashboard = JSON.parse(await readFile(new URL('grafana/dashboards/results-service.json', deploy), 'utf8')) as { panels: Panel[]; templating: { list: { query: { query: string } }[] } };
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    assert.ok(panels.length >= 10, `${panels.length} panels`);
    const problems = panels.flatMap((p) => {
      if (!p.targets?.length) return [`${p.title}: no query`];
      return p.targets.flatMap((t) => unknownIn(t.expr, known).map((m) => `${p.title}: ${m}`));
    });
    for (const variable of dashboard.templating.list) problems.push(...unknownIn(variable.query.query.replace(/^label_values\((\w+),.*$/, '$1'), known));
    assert.deepEqual(problems, []);
    // What the dashboard promises to show, each by the metric that carries it.
    const shown = new Set(panels.flatMap((p) => p.targets!.flatMap((t) => metricNames(t.expr))));
    for (const name of ['http_requests_total', 'http_request_duration_seconds_bucket', 'consumer_lag', 'outbox_backlog', 'projection_position_timestamp_seconds', 'webhook_delivery_attempts_total', 'service_ready', 'dead_letters_total'])
      assert.ok(shown.has(name), `the dashboard shows ${name}`);
  });

  it('every alert rule names registered metrics and labels', async () => {
    const known = await registered();
    const rules = parse(await readFile(new URL('alerts.yml', deploy), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const all = rules.groups.flatMap((g) => g.rules);
    assert.ok(all.length >= 8);
    assert.deepEqual(all.flatMap((r) => unknownIn(r.expr, known).map((m) => `${r.alert}: ${m}`)), []);
  });

  it('the checker itself catches a dashboard that drifted from the code', async () => {
    const known = await registered();
    assert.deepEqual(unknownIn('sum by (service) (rate(http_request_total[5m]))', known), ['http_request_total is not registered']);
    assert.deepEqual(unknownIn('sum by (path) (rate(http_requests_total{status=~"5.."}[5m]))', known), ['http_requests_total has no label path']);
    assert.deepEqual(metricNames('histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))'), ['http_request_duration_seconds_bucket']);
  });

  it('Prometheus scrapes every service on its INTERNAL_PORT and the gateway on PORT + 1000, as compose runs them, by DNS (every replica)', async () => {
    const config = parse(await readFile(new URL('prometheus.yml', deploy), 'utf8')) as {
      scrape_configs: { job_name: string; dns_sd_configs?: { names: string[]; type: string; port: number }[] }[];
    };
    const compose = parse(await readFile(new URL('../../docker-compose.yml', deploy), 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string | number> }>;
    };
    const env = (service: string, name: string) => Number(compose.services[service]?.environment?.[name]);
    const expected = Object.fromEntries(
      ['identity', 'results', 'directory', 'sharing'].map((s) => [s, `${s}:${env(s, 'INTERNAL_PORT')}/A`]),
    );
    expected.gateway = `gateway:${env('gateway', 'PORT') + 1000}/A`;
    const byDns = config.scrape_configs.filter((c) => c.dns_sd_configs).map((c) => [c.job_name, c.dns_sd_configs![0]] as const);
    assert.deepEqual(Object.fromEntries(byDns.map(([job, sd]) => [job, `${sd.names.join()}:${sd.port}/${sd.type}`])), expected);
    assert.ok(Object.values(expected).every((v) => !v.includes('NaN')), JSON.stringify(expected));
  });
});
