import { AccountIdentifierRequest } from '../../security/account-identifier.request.dto.js';

export class RequestResetRequest extends AccountIdentifierRequest {}
