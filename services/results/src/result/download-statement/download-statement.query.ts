import { Query } from '@nestjs/cqrs';

/** The Statement of Results as a PDF, and the name to save it under. */
export interface Statement {
  pdf: Buffer;
  fileName: string;
}

/** A candidate's own released result's Statement of Results. */
export class DownloadStatementQuery extends Query<Statement> {
  constructor(
    readonly resultId: string,
    readonly idNumber: string,
  ) {
    super();
  }
}
