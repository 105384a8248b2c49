// Compile-time proof that the preload's name lists match the contract. pos-operation-names.ts stays
// free of zod so the preload can import it; this file (never imported at runtime) makes `npm run
// typecheck` fail when an operation or an event is added to, or removed from, only one of them.
import type { PosEventName, posOperations } from './pos-contract';
import type { POS_EVENT_NAMES, POS_OPERATION_NAMES } from './pos-operation-names';

type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MustHold<T extends true> = T;

export type OperationNamesMatchContract = MustHold<SameSet<(typeof POS_OPERATION_NAMES)[number], keyof typeof posOperations>>;
export type EventNamesMatchContract = MustHold<SameSet<(typeof POS_EVENT_NAMES)[number], PosEventName>>;
