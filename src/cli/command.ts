/** One `rtmon` subcommand: how it is called and what it does with its arguments. */
export interface Command {
  usage: string;
  /** Resolves to the process exit status. */
  run(args: string[]): Promise<number>;
}

/** A command-line mistake: the CLI prints its message and the command's usage, exit status 2. */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}
