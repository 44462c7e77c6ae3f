import { Query } from '@nestjs/cqrs';
import type { StatementLanguage } from '#libs/contracts';

/** The Statement of Results as a PDF, and the name to save it under. */
export interface Statement {
  pdf: Buffer;
  fileName: string;
}

/** A candidate's own released result's Statement of Results, in English or in Japanese (with the English beside it). */
export class DownloadStatementQuery extends Query<Statement> {
  constructor(
    readonly resultId: string,
    readonly idNumber: string,
    readonly language: StatementLanguage = 'en',
  ) {
    super();
  }
}
