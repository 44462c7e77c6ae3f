import type { Operation, Schemas } from './openapi.types.js';

const ERROR_REF = '#/components/schemas/ErrorBody';

/** The one error body every service and the gateway answer with (DomainExceptionFilter in libs/platform). */
export const errorSchemas: Schemas = {
  ErrorBody: {
    type: 'object',
    required: ['statusCode', 'error', 'message'],
    properties: {
      statusCode: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
      error: { type: 'string', description: 'The HTTP reason phrase', example: 'Bad Request' },
      message: {
        description: 'What is wrong, for a person to read; validation lists one line per problem',
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
        example: ['email must be a valid e-mail address'],
      },
      code: { type: 'string', description: 'A stable AREA.REASON code naming the refusal (every error the services answer carries one)', example: 'AUTH.INVALID_CREDENTIALS' },
    },
  },
};

const GENERIC: Record<string, string> = {
  '400': 'The request is not valid (body, query, unknown property, text that is not well-formed or holds control characters, JSON nested too deep); `message` says what',
  '401': 'No access token, or one that is not valid (signature, issuer, audience, expiry)',
  '403': 'The token is valid but its role may not use this route',
  '413': 'The body is larger than 64 KiB',
  '415': 'The body is not `application/json`',
  '429': 'Too many requests from this address (or for this account); try again later',
  '503': 'A service behind the gateway is not answering; try again shortly',
};

const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No Content' };

const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: ERROR_REF } } } });

/**
 * Adds the answers every route can give (the gateway's guard, throttler, body parser and proxy)
 * and gives every 4xx/5xx answer the error body: services declare only their own errors, by description.
 */
export function completeErrorResponses(operation: Operation): void {
  const secured = (operation.security ?? []).length > 0;
  const hasBody = operation.requestBody !== undefined;
  const codes = ['400', '429', '503', ...(secured ? ['401', '403'] : []), ...(hasBody ? ['413', '415'] : [])];
  for (const code of codes) operation.responses[code] ??= errorAnswer(GENERIC[code]);
  for (const [code, response] of Object.entries(operation.responses)) {
    if (/^[45]/.test(code) && !response.content) response.content = errorAnswer(response.description).content;
    if (!response.description) response.description = SUCCESS[code] ?? code;
  }
}
