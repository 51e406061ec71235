import { describeEnum } from '../common/enums';

export enum Role {
  ADMIN = 'ADMIN',
  ASSET_MANAGER = 'ASSET_MANAGER',
  AUDITOR = 'AUDITOR',
  VIEWER = 'VIEWER',
}

describeEnum(Role, 'Role', 'What a caller may do; carried in the `roles` claim of the bearer token.', {
  ADMIN: 'Everything, including the audit log.',
  ASSET_MANAGER: 'Reads everything but the audit log; creates and changes assets, custody, contracts, people and places.',
  AUDITOR: 'Reads everything including money and the audit log, records physical audits; changes nothing else.',
  VIEWER: 'Reads assets, people, places, vendors, contracts and custody; no money fields, no licence keys, no history.',
});

/** The authenticated caller. */
export interface Principal {
  subject: string;
  roles: Role[];
  /** Global ID of the caller's Person, from the `personId` claim. */
  personId: string | null;
  /** No token: only with INTROSPECTION_WITHOUT_TOKEN, for introspection alone. */
  anonymous?: boolean;
}

/** Named capabilities: the rules of the contract's roles matrix, in one place. */
export const CAPABILITIES = {
  /** create/update assets, custody, contracts, maintenance, seats, disposal; people, departments, locations, vendors */
  write: [Role.ADMIN, Role.ASSET_MANAGER],
  readMoney: [Role.ADMIN, Role.ASSET_MANAGER, Role.AUDITOR],
  readLicenseKey: [Role.ADMIN, Role.ASSET_MANAGER],
  readAudit: [Role.ADMIN, Role.AUDITOR],
  physicalAudit: [Role.ADMIN, Role.ASSET_MANAGER, Role.AUDITOR],
  read: [Role.ADMIN, Role.ASSET_MANAGER, Role.AUDITOR, Role.VIEWER],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export const can = (principal: Principal | null, capability: Capability): boolean =>
  principal != null && principal.roles.some((r) => (CAPABILITIES[capability] as readonly Role[]).includes(r));
