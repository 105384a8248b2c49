// How a receipt number is printed: the till (the POS machine the number series belongs to), a dash and
// the till's running number in six digits, e.g. "till-1-000042". A Thai abbreviated tax invoice must
// carry a running number per POS machine; six digits read like the books Thai shops know (000001…),
// and a number past 999999 simply grows a digit. The number itself is the ledger's (migration 011).
export function formatReceiptNo(tillId: string, receiptNo: number): string {
  return `${tillId}-${String(receiptNo).padStart(6, '0')}`;
}
