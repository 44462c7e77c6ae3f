/** The codes (`AREA.REASON`) of the webhook's refusals: part of the public error contract. */
export const WebhookErrors = {
  BAD_URL: 'WEBHOOK.BAD_URL',
  NOT_FOUND: 'WEBHOOK.NOT_FOUND',
} as const;
