/** PromQL's functions, aggregations and keywords: every other bare identifier in an expression is a metric. */
const NOT_METRICS = new Set([
  'sum', 'min', 'max', 'avg', 'count', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group',
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'histogram_quantile', 'time', 'vector',
  'scalar', 'abs', 'clamp_min', 'clamp_max', 'label_values', 'min_over_time', 'max_over_time', 'avg_over_time',
  'sum_over_time', 'count_over_time', 'absent', 'absent_over_time', 'changes', 'resets', 'round', 'sort', 'sort_desc',
]);

/** The metric names an expression reads (label matchers, grouping labels, ranges and strings left out). */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ');
  const names = bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(names.filter((n) => !NOT_METRICS.has(n) && !/^(e|inf|nan)$/i.test(n)))];
}

/** The grouping labels of an expression (`by (a, b)`). */
export function groupingLabels(expr: string): string[] {
  return [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) => m[1].split(',').map((l) => l.trim()).filter(Boolean));
}
