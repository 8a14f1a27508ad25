export * from './config.js';
export * from './config-error.js';
export * from './expand-home.js';
export * from './load-config.js';
