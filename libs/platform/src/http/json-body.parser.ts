import type { FastifyInstance } from 'fastify';
import { DomainError } from '#libs/domain';
import { errorResponse } from '../domain-exception.filter.js';
import { applyRouteBodyLimits } from './route-body-limits.js';
import { policedValue } from './text-policy.js';

/** Deeper bodies are refused before parsing: no route takes more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/** Whether a JSON text nests objects and arrays deeper than `max`, found in one pass without recursion. */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

type JsonParse = (text: string) => unknown;

/**
 * A JSON body as the handlers may see it: nested at most MAX_JSON_DEPTH levels, parsed with
 * Fastify's prototype-poisoning protection (`parse`), every string passing the text policy and
 * normalised to NFC. Throws a DomainError (400) naming what is wrong.
 */
export function parseJsonBody(text: string, parse: JsonParse): unknown {
  if (text.trim() === '')
    throw new DomainError('invalid', 'BODY.EMPTY', 'The body is empty; send a JSON document.');
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new DomainError(
      'invalid',
      'BODY.TOO_DEEP',
      `The body nests more than ${MAX_JSON_DEPTH} levels of objects and arrays.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new DomainError(
      'invalid',
      'BODY.MALFORMED',
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
  return policedValue(parsed, 'body');
}

/**
 * Hardens a Fastify instance (the gateway, every service, the internal listeners): the JSON body
 * parser above in place of Fastify's own, the route table's larger body limits, and the text policy on every query parameter.
 */
export function hardenRequests(instance: FastifyInstance): void {
  applyRouteBodyLimits(instance);
  const defaultParser = instance.getDefaultJsonParser('error', 'error');
  const secureParse: JsonParse = (text) => {
    const outcome: { error: Error | null; body?: unknown } = { error: null };
    // Fastify's default parser is synchronous (secure-json-parse) behind a callback.
    void defaultParser({} as never, text, (error, body) => {
      outcome.error = error;
      outcome.body = body;
    });
    if (outcome.error) throw outcome.error;
    return outcome.body;
  };
  instance.removeContentTypeParser('application/json');
  instance.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string, secureParse));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  instance.addHook('preValidation', async (request, reply) => {
    const query = request.query;
    if (typeof query !== 'object' || query === null || Object.keys(query).length === 0) return;
    try {
      request.query = policedValue(query, 'query');
    } catch (error) {
      const { status, body } = errorResponse(error);
      await reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
      return reply;
    }
  });
}
