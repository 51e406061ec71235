import { describeEnum } from '../../common/enums';
import {
  AssetKind, AssetStatus, CloudProvider, CloudServiceModel, DataCategory, DataClassification, DepreciationMethod,
  HardwareCategory, Hypervisor, LicenseMetric, LicenseType, NetworkDeviceType, PowerState,
} from './asset.enums';

describeEnum(AssetKind, 'AssetKind', 'The class of an asset; each kind is its own object type implementing `Asset`.', {
  HARDWARE: 'Physical equipment: laptops, desktops, servers, phones, peripherals, SIM cards, UPS… (`Hardware`).',
  SOFTWARE_LICENSE: 'A software licence or entitlement with seats (`SoftwareLicense`).',
  NETWORK_DEVICE: 'Routers, switches, firewalls, access points and other network equipment (`NetworkDevice`).',
  CLOUD_RESOURCE: 'A cloud resource or subscribed service: IaaS, PaaS or SaaS (`CloudResource`).',
  VIRTUAL_MACHINE: 'A virtual machine on a hypervisor host or in a cloud (`VirtualMachine`).',
  DATA_ASSET: 'A body of data: documents, databases, customer records, backups (`DataAsset`).',
  CERTIFICATE: 'A security or identity certificate (`Certificate`).',
});

describeEnum(AssetStatus, 'AssetStatus', 'Where an asset stands in its lifecycle. Moves between statuses follow the lifecycle rules.', {
  ORDERED: 'Ordered from a supplier, not yet received.',
  IN_STOCK: 'Received and available: not assigned to anyone.',
  IN_USE: 'Checked out to a custodian (person, department, location or vendor).',
  IN_MAINTENANCE: 'Being repaired or serviced.',
  RETIRED: 'Taken out of service, awaiting disposal.',
  DISPOSED: 'Left the organisation (sold, recycled, destroyed…). Final: nothing changes it any more.',
  LOST: 'Reported lost or stolen; returns to IN_STOCK when found.',
});

describeEnum(HardwareCategory, 'HardwareCategory', 'What kind of physical equipment a Hardware asset is.', {
  LAPTOP: 'Laptop or notebook computer.', DESKTOP: 'Desktop computer or workstation.', SERVER: 'Physical server.',
  PHONE: 'Mobile or desk phone.', TABLET: 'Tablet.', MONITOR: 'Display or monitor.', DOCKING_STATION: 'Docking station or port replicator.',
  PERIPHERAL: 'Keyboard, mouse, headset, webcam or similar.', PRINTER: 'Printer or multifunction device.', SCANNER: 'Scanner.',
  CONFERENCE_EQUIPMENT: 'Projector, smart TV or video-conferencing system.', EXTERNAL_STORAGE: 'Flash drive or external disk.',
  SIM_CARD: 'SIM or eSIM card for a phone, device or IoT system.', STORAGE_SYSTEM: 'NAS, SAN or backup appliance.',
  UPS: 'Uninterruptible power supply or backup power source.', SECURITY_APPLIANCE: 'Security appliance (IDS/IPS, HSM, badge system…).',
  OTHER: 'Any other equipment.',
});

describeEnum(LicenseType, 'LicenseType', 'How a software licence was acquired.', {
  PERPETUAL: 'Bought once, usable indefinitely.', SUBSCRIPTION: 'Paid per period; ends unless renewed.',
  OPEN_SOURCE: 'Open-source licence (tracked for compliance, no seats to buy).', TRIAL: 'Time-limited evaluation.',
  ENTERPRISE_AGREEMENT: 'Covered by an enterprise agreement with the publisher.',
});

describeEnum(LicenseMetric, 'LicenseMetric', 'What a licence seat counts.', {
  PER_USER: 'One seat per named person.', PER_DEVICE: 'One seat per device (asset).', PER_CORE: 'Seats per processor core of a device.',
  CONCURRENT: 'Seats per person using it at the same time.', SITE: 'Unlimited use at a site.',
});

describeEnum(NetworkDeviceType, 'NetworkDeviceType', 'The role of a network device.', {
  ROUTER: 'Router.', SWITCH: 'Switch.', FIREWALL: 'Firewall.', WIRELESS_ACCESS_POINT: 'Wireless access point.',
  LOAD_BALANCER: 'Load balancer.', MODEM: 'Modem.', OTHER: 'Any other network equipment.',
});

describeEnum(CloudProvider, 'CloudProvider', 'Who provides a cloud resource.', {
  AWS: 'Amazon Web Services.', AZURE: 'Microsoft Azure.', GCP: 'Google Cloud.', OCI: 'Oracle Cloud Infrastructure.',
  OTHER: 'Any other provider, including SaaS vendors.',
});

describeEnum(CloudServiceModel, 'CloudServiceModel', 'The cloud service model of a resource.', {
  IAAS: 'Infrastructure as a Service (virtual servers, storage, networks). Data-bearing.',
  PAAS: 'Platform as a Service (managed databases, runtimes). Data-bearing.',
  SAAS: 'Software as a Service (productivity suites, CRM, ERP).',
});

describeEnum(Hypervisor, 'Hypervisor', 'What runs a virtual machine.', {
  VMWARE_ESXI: 'VMware ESXi.', HYPER_V: 'Microsoft Hyper-V.', KVM: 'KVM/QEMU.', XEN: 'Xen.', PROXMOX: 'Proxmox VE.',
  CLOUD: 'A cloud provider\'s compute service.', OTHER: 'Any other hypervisor.',
});

describeEnum(PowerState, 'PowerState', 'Whether a virtual machine runs.', {
  RUNNING: 'Powered on.', STOPPED: 'Powered off.', SUSPENDED: 'Suspended or paused.',
});

describeEnum(DataClassification, 'DataClassification', 'How sensitive a data asset is.', {
  PUBLIC: 'May be published.', INTERNAL: 'For staff only.', CONFIDENTIAL: 'Limited to those who need it.',
  RESTRICTED: 'Highest sensitivity; strict controls and audit.',
});

describeEnum(DataCategory, 'DataCategory', 'What a data asset holds.', {
  DOCUMENTS: 'Documents and files.', DATABASE: 'A database.', MULTIMEDIA: 'Images, audio, video.',
  CUSTOMER_RECORDS: 'Records about customers.', SOURCE_CODE: 'Source code.', BACKUP: 'Backups.', OTHER: 'Anything else.',
});

describeEnum(DepreciationMethod, 'DepreciationMethod', 'How an asset\'s book value falls over its useful life.', {
  STRAIGHT_LINE: 'By the same amount each month until the salvage value.',
  DECLINING_BALANCE: 'By a fixed share of the remaining value each period (double declining balance), never below salvage.',
});
