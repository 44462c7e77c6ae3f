import { Transform } from 'class-transformer';

/**
 * Trims a string field of a request DTO before validation, so that the validators and the handler
 * see the trimmed value (other types pass through, to be refused by the validators).
 */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
