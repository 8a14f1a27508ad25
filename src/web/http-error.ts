/** An answer other than 2xx that a request earned by its input: 400, 404 and the like. */
export class HttpError extends Error {
  readonly status: 400 | 404 | 503;
  readonly code: string;

  constructor(status: HttpError['status'], code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

/** A query parameter or path part whose value rtmon will not use; answered with 400. */
export function badParameter(name: string, value: string, expected: string): HttpError {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;

  return new HttpError(400, 'ERR_BAD_PARAMETER', `${name} must be ${expected}, not '${shown}'`);
}

/** A host, plugin or series that is not in the RRD folder; answered with 404. */
export function notFound(what: string, name: string): HttpError {
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;

  return new HttpError(404, 'ERR_NOT_FOUND', `no ${what} named '${shown}'`);
}
