/**
 * The version of the consent text the candidate agrees to by clicking "Send my result".
 * The text itself is in `consent.<version>.md` beside this file; a new wording gets a new
 * version (and a new file), so every recorded consent points at the exact words shown.
 */
export const CONSENT_TEXT_VERSION = '2026-11-v1';
