import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyPagePath } from '#libs/contracts';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { ResultsProjection } from '../../projections/results.projection.js';
import { resultNotFound, resultWithdrawn } from '../result.errors.js';
import { DownloadStatementQuery, type Statement } from './download-statement.query.js';
import { renderStatement } from './statement.pdf.js';

@QueryHandler(DownloadStatementQuery)
export class DownloadStatementHandler implements IQueryHandler<DownloadStatementQuery, Statement> {
  constructor(
    private readonly projection: ResultsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(query: DownloadStatementQuery): Promise<Statement> {
    // Someone else's result, or one not yet released, is "not found": its existence is not disclosed.
    const result = await this.projection.releasedOne({ _id: query.resultId, idNumber: query.idNumber });
    if (!result) throw resultNotFound();
    if (result.withdrawnAt) throw resultWithdrawn(result.withdrawnAt, 'its Statement of Results is no longer issued');
    // The portal's verify page at the public origin (PUBLIC_URL, as e-mails' links), the code filled in.
    const verifyUrl = `${this.infra.publicUrl.replace(/\/+$/, '')}${verifyPagePath(result.verificationCode)}`;
    const pdf = await renderStatement(result, { verifyUrl, language: query.language });
    const suffix = query.language === 'ja' ? '-ja' : '';
    return { pdf, fileName: `statement-of-results-${result.idNumber}${suffix}.pdf` };
  }
}
