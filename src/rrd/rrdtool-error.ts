/** rrdtool ran and failed: keeps the command line and rrdtool's own message. */
export class RrdtoolError extends Error {
  readonly code: string = 'ERR_RRDTOOL';
  readonly command: string;
  readonly stderr: string;

  constructor(command: string, stderr: string, options?: ErrorOptions) {
    super(`'${command}' failed: ${stderr.trim() || 'no message from rrdtool'}`, options);
    this.name = 'RrdtoolError';
    this.command = command;
    this.stderr = stderr.trim();
  }
}

/** rrdtool did not finish within its deadline and was killed. */
export class RrdtoolTimeoutError extends RrdtoolError {
  override readonly code = 'ERR_RRDTOOL_TIMEOUT';

  constructor(command: string, timeoutMs: number, options?: ErrorOptions) {
    super(command, `no answer within ${timeoutMs} ms`, options);
    this.name = 'RrdtoolTimeoutError';
  }
}

/** Too many rrdtool runs are already running or waiting; the caller may try again later. */
export class RrdtoolBusyError extends Error {
  readonly code = 'ERR_RRDTOOL_BUSY';

  constructor(running: number, waiting: number) {
    super(`rrdtool is busy: ${running} runs in progress and ${waiting} waiting`);
    this.name = 'RrdtoolBusyError';
  }
}
