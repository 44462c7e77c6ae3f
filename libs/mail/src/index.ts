export * from './link-keys.js';
export * from './mail-job.js';
export * from './mail-jobs.projection.js';
export * from './mail.worker.js';
export * from './mailer.js';
