/** An error answer from the API: `{statusCode, error, message}`; message is a string or a list. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    readonly messages: string[],
    /** The service's stable error code (e.g. `SHARE.RESTRICTED`), when it gives one. */
    readonly code: string | null = null,
  ) {
    super(messages.join(' ') || errorName || `HTTP ${status}`);
    this.name = 'ApiError';
  }

  static async from(response: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON: fall back to the status alone.
    }
    const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const raw = record['message'];
    const messages = Array.isArray(raw)
      ? raw.filter((m): m is string => typeof m === 'string')
      : typeof raw === 'string'
        ? [raw]
        : [];
    const name = typeof record['error'] === 'string' ? record['error'] : response.statusText;
    const code = typeof record['code'] === 'string' ? record['code'] : null;
    return new ApiError(response.status, name, messages, code);
  }
}

/** The fetch itself failed: no answer from the service. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

export interface SplitMessages<F extends string> {
  fields: Partial<Record<F, string[]>>;
  form: string[];
}

/**
 * Sorts the API's messages to the fields they concern: a message belongs to a field when it starts
 * with the field's name (class-validator style: "email must be an email"); the rest go to the form.
 */
export function splitMessages<F extends string>(messages: string[], fields: readonly F[]): SplitMessages<F> {
  const result: SplitMessages<F> = { fields: {}, form: [] };
  for (const message of messages) {
    const field = fields.find((f) => new RegExp(`^${f}(\\b|[\\s.:])`).test(message));
    if (field) (result.fields[field] ??= []).push(message);
    else result.form.push(message);
  }
  return result;
}
