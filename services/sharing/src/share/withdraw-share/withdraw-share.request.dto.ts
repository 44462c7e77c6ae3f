/** The body is empty (`{}`): withdrawing needs nothing but the share. */
export class WithdrawShareRequest {}
