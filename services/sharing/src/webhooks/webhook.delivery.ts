import type { IntegrationEnvelope } from '#libs/contracts';
import { signPayload } from './webhook.signature.js';

export interface DeliveryOutcome {
  delivered: boolean;
  /** The receiver's HTTP status; 0 when there was none. */
  status: number;
  /** Set when the request was cut short because the service is stopping: not the receiver's fault. */
  aborted?: boolean;
}

/**
 * POSTs one envelope, signed, to a receiver. Only a 2xx counts as delivered; a redirect is not
 * followed (it would carry a signed payload to a URL nobody verified) and counts as a failure.
 */
export async function deliver(
  url: string,
  secret: string,
  envelope: IntegrationEnvelope,
  options: { timeoutMs: number; stopping: AbortSignal; now: () => number },
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(envelope);
  const timestamp = Math.floor(options.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'results-webhooks/1',
        'x-results-event-id': envelope.eventId,
        'x-results-event-type': envelope.type,
        'x-results-timestamp': String(timestamp),
        'x-results-signature': signPayload(secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.stopping]),
    });
    // The answer's body is of no interest; drop it so the connection is freed.
    await response.body?.cancel().catch(() => undefined);
    return { delivered: response.status >= 200 && response.status < 300, status: response.status };
  } catch {
    return { delivered: false, status: 0, aborted: options.stopping.aborted };
  }
}
