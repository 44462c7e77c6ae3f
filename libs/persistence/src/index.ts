export * from './document-store.port.js';
export * from './mongoose-document.store.js';
export * from './file-document.store.js';
export * from './find-by-ids.js';
