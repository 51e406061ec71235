/** Enumerations of the asset graph, shared by the database CHECKs and the GraphQL schema. */

export enum AssetKind {
  HARDWARE = 'HARDWARE',
  SOFTWARE_LICENSE = 'SOFTWARE_LICENSE',
  NETWORK_DEVICE = 'NETWORK_DEVICE',
  CLOUD_RESOURCE = 'CLOUD_RESOURCE',
  VIRTUAL_MACHINE = 'VIRTUAL_MACHINE',
  DATA_ASSET = 'DATA_ASSET',
  CERTIFICATE = 'CERTIFICATE',
}

export enum AssetStatus {
  ORDERED = 'ORDERED',
  IN_STOCK = 'IN_STOCK',
  IN_USE = 'IN_USE',
  IN_MAINTENANCE = 'IN_MAINTENANCE',
  RETIRED = 'RETIRED',
  DISPOSED = 'DISPOSED',
  LOST = 'LOST',
}

export enum HardwareCategory {
  LAPTOP = 'LAPTOP', DESKTOP = 'DESKTOP', SERVER = 'SERVER', PHONE = 'PHONE', TABLET = 'TABLET',
  MONITOR = 'MONITOR', DOCKING_STATION = 'DOCKING_STATION', PERIPHERAL = 'PERIPHERAL', PRINTER = 'PRINTER',
  SCANNER = 'SCANNER', CONFERENCE_EQUIPMENT = 'CONFERENCE_EQUIPMENT', EXTERNAL_STORAGE = 'EXTERNAL_STORAGE',
  SIM_CARD = 'SIM_CARD', STORAGE_SYSTEM = 'STORAGE_SYSTEM', UPS = 'UPS', SECURITY_APPLIANCE = 'SECURITY_APPLIANCE',
  OTHER = 'OTHER',
}

export enum LicenseType {
  PERPETUAL = 'PERPETUAL', SUBSCRIPTION = 'SUBSCRIPTION', OPEN_SOURCE = 'OPEN_SOURCE', TRIAL = 'TRIAL',
  ENTERPRISE_AGREEMENT = 'ENTERPRISE_AGREEMENT',
}

export enum LicenseMetric {
  PER_USER = 'PER_USER', PER_DEVICE = 'PER_DEVICE', PER_CORE = 'PER_CORE', CONCURRENT = 'CONCURRENT', SITE = 'SITE',
}

export enum NetworkDeviceType {
  ROUTER = 'ROUTER', SWITCH = 'SWITCH', FIREWALL = 'FIREWALL', WIRELESS_ACCESS_POINT = 'WIRELESS_ACCESS_POINT',
  LOAD_BALANCER = 'LOAD_BALANCER', MODEM = 'MODEM', OTHER = 'OTHER',
}

export enum CloudProvider { AWS = 'AWS', AZURE = 'AZURE', GCP = 'GCP', OCI = 'OCI', OTHER = 'OTHER' }

export enum CloudServiceModel { IAAS = 'IAAS', PAAS = 'PAAS', SAAS = 'SAAS' }

export enum Hypervisor {
  VMWARE_ESXI = 'VMWARE_ESXI', HYPER_V = 'HYPER_V', KVM = 'KVM', XEN = 'XEN', PROXMOX = 'PROXMOX', CLOUD = 'CLOUD',
  OTHER = 'OTHER',
}

export enum PowerState { RUNNING = 'RUNNING', STOPPED = 'STOPPED', SUSPENDED = 'SUSPENDED' }

export enum DataClassification { PUBLIC = 'PUBLIC', INTERNAL = 'INTERNAL', CONFIDENTIAL = 'CONFIDENTIAL', RESTRICTED = 'RESTRICTED' }

export enum DataCategory {
  DOCUMENTS = 'DOCUMENTS', DATABASE = 'DATABASE', MULTIMEDIA = 'MULTIMEDIA', CUSTOMER_RECORDS = 'CUSTOMER_RECORDS',
  SOURCE_CODE = 'SOURCE_CODE', BACKUP = 'BACKUP', OTHER = 'OTHER',
}

export enum DepreciationMethod { STRAIGHT_LINE = 'STRAIGHT_LINE', DECLINING_BALANCE = 'DECLINING_BALANCE' }

/** Asset-to-asset relations other than a VM's host: where data is stored, where a certificate is installed. */
export enum AssetRelationKind { STORED_ON = 'STORED_ON', INSTALLED_ON = 'INSTALLED_ON' }

/** Tag prefix per kind: `HW-000001`. */
export const TAG_PREFIX: Record<AssetKind, string> = {
  HARDWARE: 'HW',
  SOFTWARE_LICENSE: 'SW',
  NETWORK_DEVICE: 'NET',
  CLOUD_RESOURCE: 'CLD',
  VIRTUAL_MACHINE: 'VM',
  DATA_ASSET: 'DATA',
  CERTIFICATE: 'CERT',
};

/** The database sequence that numbers generated tags of a kind. */
export const tagSequence = (kind: AssetKind): string => `asset_tag_seq_${TAG_PREFIX[kind].toLowerCase()}`;

/** The GraphQL object type of each kind (also the type part of its global ID). */
export const KIND_TYPENAME: Record<AssetKind, string> = {
  HARDWARE: 'Hardware',
  SOFTWARE_LICENSE: 'SoftwareLicense',
  NETWORK_DEVICE: 'NetworkDevice',
  CLOUD_RESOURCE: 'CloudResource',
  VIRTUAL_MACHINE: 'VirtualMachine',
  DATA_ASSET: 'DataAsset',
  CERTIFICATE: 'Certificate',
};

export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
export const enumValues = (e: Record<string, string>): string[] => Object.values(e);
