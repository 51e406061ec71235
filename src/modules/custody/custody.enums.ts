/** Who or what can hold an asset. */
export enum CustodianType {
  PERSON = 'PERSON',
  DEPARTMENT = 'DEPARTMENT',
  LOCATION = 'LOCATION',
  VENDOR = 'VENDOR',
}

export enum CustodyEventType {
  CHECK_OUT = 'CHECK_OUT',
  CHECK_IN = 'CHECK_IN',
  TRANSFER = 'TRANSFER',
  MOVE = 'MOVE',
  SENT_FOR_REPAIR = 'SENT_FOR_REPAIR',
  RETURNED_FROM_REPAIR = 'RETURNED_FROM_REPAIR',
  DISPOSAL_HANDOFF = 'DISPOSAL_HANDOFF',
  REPORTED_LOST = 'REPORTED_LOST',
  FOUND = 'FOUND',
}

export const CUSTODIAN_TYPENAME: Record<CustodianType, string> = {
  PERSON: 'Person',
  DEPARTMENT: 'Department',
  LOCATION: 'Location',
  VENDOR: 'Vendor',
};
