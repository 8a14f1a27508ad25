/** Why `rtmon start` could not bring its stack up, with a stable `code`. */
export type StartErrorCode =
  | 'ERR_START_COLLECTD_CONFIG'
  | 'ERR_START_CHILD_EXITED'
  | 'ERR_START_VIEWER_TIMEOUT'
  | 'ERR_START_UNREADABLE';

export class StartError extends Error {
  readonly code: StartErrorCode;

  constructor(code: StartErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartError';
    this.code = code;
  }
}
