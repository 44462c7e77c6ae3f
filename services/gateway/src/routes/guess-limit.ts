/** Routes where guessing is possible share a tighter per-address limit (the services add per-account limits). */
export const GUESS_LIMIT = { default: { limit: () => Number(process.env.GATEWAY_GUESS_LIMIT ?? 60), ttl: 60_000 } };
