import { writeFileSync } from 'node:fs';
import { asyncApiDocument } from './asyncapi.document.js';

/** Writes docs/asyncapi.json (run: node dist/tools/asyncapi/generate.js). */
const target = new URL('../../../docs/asyncapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
