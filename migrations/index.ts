import { Init1796017977099 } from './1796017977099-Init';
import { CustodyContractsMaintenance1796019129460 } from './1796019129460-CustodyContractsMaintenance';
import { LicensesDisposalAudits1796021148747 } from './1796021148747-LicensesDisposalAudits';
import { AuditLog1796021975289 } from './1796021975289-AuditLog';
import { ChangeFeedIdempotency1796022900877 } from './1796022900877-ChangeFeedIdempotency';

/** Every migration, in order. Listed explicitly so that ts-node, jest and compiled code load the same set. */
export const migrations = [Init1796017977099, CustodyContractsMaintenance1796019129460, LicensesDisposalAudits1796021148747, AuditLog1796021975289, ChangeFeedIdempotency1796022900877];
