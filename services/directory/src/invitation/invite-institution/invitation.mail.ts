import type { MailMessage } from '#libs/mail';

/** The invitation e-mail: the link carries the token, which exists nowhere else. */
export function invitationMail(to: string, organisationName: string, link: string, expiresAt: string): MailMessage {
  const until = new Date(expiresAt).toUTCString();
  return {
    to,
    kind: 'invitation',
    subject: 'A candidate would like to send you their exam results',
    text: [
      'Hello,',
      '',
      `A candidate of the Results Service would like to send their exam results to ${organisationName},`,
      'which is not yet in our directory of organisations.',
      '',
      `To create your organisation's account, open this link (valid until ${until}):`,
      link,
      '',
      'Once your account exists, candidates find you by name and send you their results,',
      'which you can trust as genuine.',
      '',
      'If you were not expecting this e-mail, you can ignore it.',
    ].join('\n'),
  };
}
