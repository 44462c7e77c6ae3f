/**
 * Kafka names of one deployment: with a namespace, every topic and consumer group is prefixed
 * (`<ns>.results.entry.v1`, `<ns>.identity`), so two systems can share one broker without
 * taking each other's events. Code names topics by their contract name; only the Kafka edge
 * (publisher, transport, topic set-up) translates.
 */
export class TopicNames {
  private readonly prefix: string;

  constructor(readonly namespace = '') {
    if (namespace !== '' && !/^[A-Za-z0-9_-]{1,40}$/.test(namespace)) {
      throw new Error(`NAMESPACE must be 1-40 letters, digits, "_" or "-" (got "${namespace}")`);
    }
    this.prefix = namespace === '' ? '' : `${namespace}.`;
  }

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  group(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** The contract name of a namespaced topic. */
  logical(physical: string): string {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, an empty prefix takes nothing off
    return this.prefix !== '' && physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }
}
