import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ConcurrencyError, StreamBusyError } from '#libs/event-store';
import { DomainError, type DomainErrorKind } from '#libs/domain';

const statusOf: Record<DomainErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * The code of an error the framework raises itself (validation, the token and role guards, rate
 * limits, unknown routes, body limits), so that every error body carries an `AREA.REASON` code.
 */
const codeOfStatus: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'BODY.TOO_LARGE',
  415: 'BODY.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE.LIMITED',
  500: 'SERVER.ERROR',
  503: 'SERVICE.UNAVAILABLE',
};
const fallbackCode = (status: number): string => codeOfStatus[status] ?? (status < 500 ? 'REQUEST.REFUSED' : 'SERVER.ERROR');

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/**
 * The one place errors become HTTP answers: `{statusCode, error, message, code}`, `code` being
 * the domain error's, or one by status for the framework's own errors. Client mistakes get a 4xx; only genuine faults become a 500, logged with the stack.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    // Message handlers report their own failures (IntegrationInbox retries and dead-letters).
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<Reply>();
    const { status, body } = errorResponse(exception);
    if (status === 503) {
      this.logger.warn(`answered 503: ${exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception)}`);
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

/** What a 503 asks the client to wait before trying again (an engine restarting comes back within seconds). */
export const RETRY_AFTER_SECONDS = 2;

const UNREACHABLE_ERROR = /^Mongo(ose)?(Network|NetworkTimeout|ServerSelection|NotConnected|PoolCleared|TopologyClosed)Error$/;
const UNREACHABLE_MESSAGE = /^connection \d+ to \S+ (closed|timed out)|ECONNREFUSED|ECONNRESET/;
const UNREACHABLE_CODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Whether an error says that something this service depends on (its database, another service)
 * cannot be reached right now: the request was not done, and may be tried again shortly. Looks at
 * the error and its causes (a driver wraps the socket error; fetch wraps its connection error).
 */
export function isUnreachable(exception: unknown): boolean {
  for (let e = exception, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (UNREACHABLE_ERROR.test(e.name)) return true;
    // The driver's bulk write reports a dropped connection in its message, with no cause
    // (MongoBulkWriteError: connection 4 to 127.0.0.1:27117 closed): nothing was acknowledged.
    if (e.name.startsWith('Mongo') && UNREACHABLE_MESSAGE.test(e.message)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODE.has(code)) return true;
  }
  return false;
}

/** The HTTP status and `{statusCode, error, message, code}` body for any thrown value (also used by internal routes). */
export function errorResponse(exception: unknown): { status: number; body: Record<string, unknown> } {
  if (exception instanceof DomainError) {
    const status = statusOf[exception.kind];
    return {
      status,
      body: { statusCode: status, error: reason(status), message: exception.message, code: exception.code },
    };
  }
  if (exception instanceof StreamBusyError) {
    const status = HttpStatus.SERVICE_UNAVAILABLE;
    return {
      status,
      body: { statusCode: status, error: reason(status), message: 'An earlier request for this is still being saved or was cut off; nothing was changed. Please try again in a few seconds.', code: 'SERVICE.UNAVAILABLE' },
    };
  }
  if (exception instanceof ConcurrencyError) {
    const status = HttpStatus.CONFLICT;
    return {
      status,
      body: {
        statusCode: status,
        error: reason(status),
        message: 'Someone changed this at the same moment; please try again.',
        code: 'CONCURRENCY.CONFLICT',
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: unknown }).message ?? exception.message);
    // Nest's own `errorCode` option carries an AREA.REASON code (the auth checks set one).
    return {
      status,
      body: { statusCode: status, error: reason(status), message, code: exception.errorCode ?? fallbackCode(status) },
    };
  }
  // Fastify's own client errors (malformed JSON, body too large, bad content type) carry a 4xx statusCode.
  const fastifyStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return {
      status: fastifyStatus,
      body: {
        statusCode: fastifyStatus,
        error: reason(fastifyStatus),
        message: (exception as Error).message,
        code: fallbackCode(fastifyStatus),
      },
    };
  }
  if (isUnreachable(exception)) {
    const status = HttpStatus.SERVICE_UNAVAILABLE;
    return {
      status,
      body: { statusCode: status, error: reason(status), message: 'The service cannot reach its storage or another service right now; nothing was changed. Please try again in a few seconds.', code: 'SERVICE.UNAVAILABLE' },
    };
  }
  const status = HttpStatus.INTERNAL_SERVER_ERROR;
  return {
    status,
    body: { statusCode: status, error: reason(status), message: 'Something went wrong on our side.', code: fallbackCode(status) },
  };
}

function reason(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return names[status] ?? 'Error';
}
