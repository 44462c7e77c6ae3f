import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';

/** The tighter per-address, per-route budget of the routes where guessing is possible. */
export const GUESS_THROTTLER = 'guess';
const GUESS_LIMITED = 'gateway:guess-limited';

/** Whether a route declared @GuessLimit() (the guess throttler skips every other route: no counter for them). */
export const isGuessLimited = (handler: object): boolean => Reflect.getMetadata(GUESS_LIMITED, handler) === true;

/** Routes where guessing is possible have a tighter per-address limit each (the services add per-account limits). */
export const GuessLimit = () =>
  applyDecorators(
    SetMetadata(GUESS_LIMITED, true),
    Throttle({ [GUESS_THROTTLER]: { limit: () => Number(process.env.GATEWAY_GUESS_LIMIT ?? 60), ttl: 60_000 } }),
  );
