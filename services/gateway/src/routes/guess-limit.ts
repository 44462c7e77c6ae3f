import { GUESS_THROTTLER } from '../rate-limit/rate-limit.module.js';

/** Routes where guessing is possible have a tighter per-address limit each (the services add per-account limits). */
export const GUESS_LIMIT = { [GUESS_THROTTLER]: { limit: () => Number(process.env.GATEWAY_GUESS_LIMIT ?? 60), ttl: 60_000 } };
