import http from 'node:http';
import https from 'node:https';
import type { IntegrationEnvelope } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import { injectTraceContext } from '#libs/trace-context';
import { guardedLookup, RefusedAddressError, systemResolve, type Resolve } from './webhook-address.lookup.js';
import { signPayload } from './webhook.signature.js';
import { checkWebhookUrl } from './webhook-url.js';

export interface DeliveryOutcome {
  delivered: boolean;
  /** The receiver's HTTP status; 0 when there was none. */
  status: number;
  /** Set when the request was cut short because the service is stopping: not the receiver's fault. */
  aborted?: boolean;
  /** Why no connection was made: the URL or an address it resolved to is not allowed. */
  refused?: string;
}

export interface DeliveryOptions {
  timeoutMs: number;
  stopping: AbortSignal;
  now: () => number;
  /** WEBHOOK_ALLOW_PRIVATE_ADDRESSES: local development and tests only. */
  allowPrivate: boolean;
  /** The resolver behind the guarded lookup (tests pass one). */
  resolve?: Resolve;
}

/**
 * POSTs one envelope, signed, to a receiver. The URL is checked again (it may have been stored
 * under an older policy) and the name's addresses after DNS, on the socket's own lookup, so the
 * connection goes only to an address that was checked. Only a 2xx counts as delivered; a redirect
 * is not followed (it would carry a signed payload to a URL nobody verified) and counts as a failure.
 */
export async function deliver(url: string, secret: string, envelope: IntegrationEnvelope, options: DeliveryOptions): Promise<DeliveryOutcome> {
  try {
    checkWebhookUrl(url, options.allowPrivate);
  } catch (error) {
    if (error instanceof DomainError) return { delivered: false, status: 0, refused: error.message };
    throw error;
  }
  const body = JSON.stringify(envelope);
  const timestamp = Math.floor(options.now() / 1000);
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.stopping]);
  return new Promise<DeliveryOutcome>((resolve) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        agent: false,
        signal,
        lookup: options.allowPrivate ? undefined : guardedLookup(options.resolve ?? systemResolve),
        // traceparent (W3C) when tracing is on: the receiver may continue the trace.
        headers: injectTraceContext({
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'results-webhooks/1',
          'x-results-event-id': envelope.eventId,
          'x-results-event-type': envelope.type,
          'x-results-timestamp': String(timestamp),
          'x-results-signature': signPayload(secret, timestamp, body),
        }),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The answer's body is of no interest; drop it so the connection is freed.
        response.resume();
        resolve({ delivered: status >= 200 && status < 300, status });
      },
    );
    request.on('error', (error) => {
      if (error instanceof RefusedAddressError) return resolve({ delivered: false, status: 0, refused: error.message });
      resolve({ delivered: false, status: 0, aborted: options.stopping.aborted });
    });
    request.end(body);
  });
}
