import { MyShare } from '../list-my-shares/list-my-shares.response.dto.js';

/** The share as "Shared with" now shows it (`status: "withdrawn"`, with `withdrawal`). */
export class WithdrawnShareResponse extends MyShare {}
