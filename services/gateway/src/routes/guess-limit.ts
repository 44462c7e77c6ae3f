import { SetMetadata } from '@nestjs/common';

/** The tighter per-address, per-route budget of the routes where guessing is possible. */
export const GUESS_THROTTLER = 'guess';
const GUESS_LIMITED = 'gateway:guess-limited';

/** Whether a route declared @GuessLimit() (the guess throttler skips every other route: no counter for them). */
export const isGuessLimited = (handler: object): boolean => Reflect.getMetadata(GUESS_LIMITED, handler) === true;

/**
 * Routes where guessing is possible have a tighter per-address limit each (GatewayConfig.guessLimitPerMinute,
 * set on the guess throttler by RateLimitModule; the services add per-account limits).
 */
export const GuessLimit = () => SetMetadata(GUESS_LIMITED, true);
