/** A configuration file that cannot be read, or a setting whose value makes no sense. */
export class ConfigError extends Error {
  readonly code = 'ERR_CONFIG';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}
