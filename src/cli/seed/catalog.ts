/**
 * Word lists of the demo data: what a mid-sized organisation's inventory looks
 * like. Manufacturers and products are real names (as they would appear in any
 * inventory); resellers, service providers and recyclers are invented, so that no
 * real company is shown with certifications it may not hold. E-mail addresses and
 * host names use the reserved domain example.com.
 */

export const DOMAIN = 'example.com';

/** Subjects of the staff who record hand-overs, audits and disposals (the service writes the token's `sub`). */
export const ACTORS = ['servicedesk', 'anna.kowalski', 'david.mensah', 'lena.fischer', 'marco.rossi', 'priya.nair', 'tom.becker', 'asset-sync'];

export interface DepartmentSpec {
  name: string;
  code: string;
  teams: string[];
}

export const DEPARTMENTS: DepartmentSpec[] = [
  { name: 'Engineering', code: 'ENG', teams: ['Platform', 'Payments', 'Mobile', 'Data Engineering', 'Quality Assurance', 'Site Reliability', 'Frontend', 'Security Engineering'] },
  { name: 'Information Technology', code: 'IT', teams: ['Service Desk', 'Infrastructure', 'Network Operations', 'Identity & Access', 'End-User Computing'] },
  { name: 'Finance', code: 'FIN', teams: ['Accounting', 'Controlling', 'Treasury', 'Procurement'] },
  { name: 'Human Resources', code: 'HR', teams: ['Recruiting', 'People Operations', 'Learning & Development'] },
  { name: 'Sales', code: 'SAL', teams: ['Enterprise Sales', 'Inside Sales', 'Sales Operations', 'Partnerships'] },
  { name: 'Marketing', code: 'MKT', teams: ['Brand', 'Growth', 'Product Marketing', 'Events'] },
  { name: 'Customer Support', code: 'SUP', teams: ['Tier 1 Support', 'Tier 2 Support', 'Customer Success'] },
  { name: 'Operations', code: 'OPS', teams: ['Logistics', 'Facilities', 'Business Operations'] },
  { name: 'Legal & Compliance', code: 'LEG', teams: ['Legal', 'Compliance', 'Data Protection'] },
  { name: 'Product', code: 'PRD', teams: ['Product Management', 'Design', 'User Research'] },
  { name: 'Research', code: 'RES', teams: ['Applied Research', 'Labs'] },
  { name: 'Executive Office', code: 'EXE', teams: ['Strategy'] },
];

export interface SiteSpec {
  city: string;
  code: string;
  country: string;
  street: string;
}

export const SITES: SiteSpec[] = [
  { city: 'Berlin', code: 'BER', country: 'Germany', street: 'Friedrichstraße' },
  { city: 'London', code: 'LON', country: 'United Kingdom', street: 'Old Street' },
  { city: 'Amsterdam', code: 'AMS', country: 'Netherlands', street: 'Herengracht' },
  { city: 'New York', code: 'NYC', country: 'United States', street: 'Hudson Street' },
  { city: 'Austin', code: 'AUS', country: 'United States', street: 'Congress Avenue' },
  { city: 'Toronto', code: 'YYZ', country: 'Canada', street: 'King Street West' },
  { city: 'Singapore', code: 'SIN', country: 'Singapore', street: 'Robinson Road' },
  { city: 'Sydney', code: 'SYD', country: 'Australia', street: 'George Street' },
  { city: 'Madrid', code: 'MAD', country: 'Spain', street: 'Calle de Alcalá' },
  { city: 'Stockholm', code: 'STO', country: 'Sweden', street: 'Sveavägen' },
  { city: 'Warsaw', code: 'WAW', country: 'Poland', street: 'ulica Prosta' },
  { city: 'Dublin', code: 'DUB', country: 'Ireland', street: 'Sir John Rogerson\'s Quay' },
  { city: 'Zurich', code: 'ZRH', country: 'Switzerland', street: 'Bahnhofstrasse' },
  { city: 'Lisbon', code: 'LIS', country: 'Portugal', street: 'Avenida da Liberdade' },
  { city: 'Munich', code: 'MUC', country: 'Germany', street: 'Leopoldstraße' },
  { city: 'Chicago', code: 'CHI', country: 'United States', street: 'Wacker Drive' },
  { city: 'Seattle', code: 'SEA', country: 'United States', street: 'Westlake Avenue' },
  { city: 'Tokyo', code: 'TYO', country: 'Japan', street: 'Marunouchi' },
  { city: 'São Paulo', code: 'SAO', country: 'Brazil', street: 'Avenida Paulista' },
  { city: 'Paris', code: 'PAR', country: 'France', street: 'Rue de Rivoli' },
  { city: 'Vienna', code: 'VIE', country: 'Austria', street: 'Mariahilfer Straße' },
  { city: 'Milan', code: 'MIL', country: 'Italy', street: 'Via Torino' },
  { city: 'Copenhagen', code: 'CPH', country: 'Denmark', street: 'Vesterbrogade' },
  { city: 'Prague', code: 'PRG', country: 'Czechia', street: 'Na Příkopě' },
];

export const ROOM_NAMES = ['Meeting room', 'Focus room', 'Open space', 'Phone booth', 'Workshop', 'Boardroom', 'IT store room', 'Print corner', 'Lab', 'Studio'];

export interface VendorSpec {
  name: string;
  roles: string[];
  certifications?: string[];
  website?: string;
}

/** Vendors every seed has (the demo relies on them: manufacturers, clouds, and a certified recycler). */
export const VENDORS: VendorSpec[] = [
  { name: 'Dell Technologies', roles: ['MANUFACTURER', 'SUPPLIER'], website: 'https://www.dell.com' },
  { name: 'HP Inc.', roles: ['MANUFACTURER'], website: 'https://www.hp.com' },
  { name: 'Hewlett Packard Enterprise', roles: ['MANUFACTURER'], website: 'https://www.hpe.com' },
  { name: 'Lenovo', roles: ['MANUFACTURER'], website: 'https://www.lenovo.com' },
  { name: 'Apple', roles: ['MANUFACTURER'], website: 'https://www.apple.com' },
  { name: 'Samsung', roles: ['MANUFACTURER'], website: 'https://www.samsung.com' },
  { name: 'Google', roles: ['MANUFACTURER'], website: 'https://store.google.com' },
  { name: 'Microsoft', roles: ['MANUFACTURER', 'SUPPLIER'], website: 'https://www.microsoft.com' },
  { name: 'Cisco', roles: ['MANUFACTURER'], website: 'https://www.cisco.com' },
  { name: 'Juniper Networks', roles: ['MANUFACTURER'], website: 'https://www.juniper.net' },
  { name: 'Aruba Networks', roles: ['MANUFACTURER'], website: 'https://www.arubanetworks.com' },
  { name: 'Fortinet', roles: ['MANUFACTURER'], website: 'https://www.fortinet.com' },
  { name: 'Palo Alto Networks', roles: ['MANUFACTURER'], website: 'https://www.paloaltonetworks.com' },
  { name: 'Ubiquiti', roles: ['MANUFACTURER'], website: 'https://www.ui.com' },
  { name: 'F5', roles: ['MANUFACTURER'], website: 'https://www.f5.com' },
  { name: 'Logitech', roles: ['MANUFACTURER'], website: 'https://www.logitech.com' },
  { name: 'Poly', roles: ['MANUFACTURER'], website: 'https://www.hp.com/poly' },
  { name: 'Jabra', roles: ['MANUFACTURER'], website: 'https://www.jabra.com' },
  { name: 'LG Electronics', roles: ['MANUFACTURER'], website: 'https://www.lg.com' },
  { name: 'Brother', roles: ['MANUFACTURER'], website: 'https://www.brother.com' },
  { name: 'Canon', roles: ['MANUFACTURER'], website: 'https://www.canon.com' },
  { name: 'Fujitsu', roles: ['MANUFACTURER'], website: 'https://www.fujitsu.com' },
  { name: 'NetApp', roles: ['MANUFACTURER'], website: 'https://www.netapp.com' },
  { name: 'Synology', roles: ['MANUFACTURER'], website: 'https://www.synology.com' },
  { name: 'APC by Schneider Electric', roles: ['MANUFACTURER'], website: 'https://www.apc.com' },
  { name: 'Eaton', roles: ['MANUFACTURER'], website: 'https://www.eaton.com' },
  { name: 'Thales', roles: ['MANUFACTURER'], website: 'https://cpl.thalesgroup.com' },
  { name: 'Western Digital', roles: ['MANUFACTURER'], website: 'https://www.westerndigital.com' },
  { name: 'CalDigit', roles: ['MANUFACTURER'], website: 'https://www.caldigit.com' },
  { name: 'Zyxel', roles: ['MANUFACTURER'], website: 'https://www.zyxel.com' },
  { name: 'Vodafone Business', roles: ['SUPPLIER', 'SERVICE_PROVIDER'], website: 'https://www.vodafone.com/business' },
  { name: 'Amazon Web Services', roles: ['CLOUD_PROVIDER'], website: 'https://aws.amazon.com' },
  { name: 'Microsoft Azure', roles: ['CLOUD_PROVIDER'], website: 'https://azure.microsoft.com' },
  { name: 'Google Cloud', roles: ['CLOUD_PROVIDER'], website: 'https://cloud.google.com' },
  { name: 'Oracle Cloud Infrastructure', roles: ['CLOUD_PROVIDER'], website: 'https://www.oracle.com/cloud' },
  { name: 'Brightline IT Supply', roles: ['SUPPLIER'], certifications: ['ISO_9001'] },
  { name: 'Keystone Technology Partners', roles: ['SUPPLIER', 'SERVICE_PROVIDER'], certifications: ['ISO_9001', 'ISO_27001'] },
  { name: 'Meridian Leasing', roles: ['SUPPLIER', 'SERVICE_PROVIDER'] },
  { name: 'Atlas Field Services', roles: ['SERVICE_PROVIDER'], certifications: ['ISO_9001'] },
  { name: 'Northgate Datacenter Services', roles: ['SERVICE_PROVIDER'], certifications: ['ISO_27001', 'ISO_14001'] },
  { name: 'Pinecrest Software Licensing', roles: ['SUPPLIER'] },
  { name: 'Circular Electronics Recovery', roles: ['RECYCLER', 'SERVICE_PROVIDER'], certifications: ['R2', 'E_STEWARDS', 'ISO_14001'] },
  { name: 'SecureShred Data Destruction', roles: ['RECYCLER', 'SERVICE_PROVIDER'], certifications: ['NAID_AAA', 'ADISA', 'ISO_27001'] },
  { name: 'GreenLoop ITAD', roles: ['RECYCLER'], certifications: ['R2', 'WEEELABEX'] },
  { name: 'Second Life Devices', roles: ['SUPPLIER'], certifications: ['R2'] },
];

/** Parts of the names of further (invented) resellers and service providers at larger scales. */
export const VENDOR_WORDS = {
  first: ['Apex', 'Blue', 'Cedar', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Maple', 'Nova', 'Orbit', 'Polar', 'Quartz', 'Ridge', 'Summit', 'Tidal', 'Union', 'Vertex', 'Willow', 'Zenith', 'Beacon', 'Cobalt', 'Horizon', 'Northwind', 'Silverline', 'Redwood'],
  second: ['Tech', 'Systems', 'Data', 'Networks', 'Digital', 'Solutions', 'Computing', 'Infotech', 'Logic', 'Works', 'Labs', 'Cloud', 'Link', 'Source', 'Point'],
  third: ['GmbH', 'Ltd', 'Inc.', 'B.V.', 'Group', 'Partners', 'AG', 'LLC', 'S.A.', 'AB', 'Services', 'Supply'],
};

export interface HardwareModel {
  manufacturer: string;
  model: string;
}

export interface HardwareCategorySpec {
  category: string;
  weight: number;
  dataBearing: boolean;
  /** Purchase cost range in the purchase currency. */
  cost: [number, number];
  /** Useful life for depreciation, months. */
  life: number;
  models: HardwareModel[];
  /** Whether it is checked out to people (end-user equipment) or lives in a rack or room. */
  personal: boolean;
  /** Serial number pattern: # digit, A letter, X letter or digit. */
  serial: string;
}

const m = (manufacturer: string, ...models: string[]): HardwareModel[] => models.map((model) => ({ manufacturer, model }));

export const HARDWARE: HardwareCategorySpec[] = [
  { category: 'LAPTOP', weight: 30, dataBearing: true, cost: [900, 3400], life: 36, personal: true, serial: 'AAX#XXX',
    models: [...m('Dell Technologies', 'Latitude 5440', 'Latitude 7440', 'Latitude 9440 2-in-1', 'Precision 5680'), ...m('HP Inc.', 'EliteBook 840 G10', 'EliteBook 860 G10', 'ZBook Firefly 14 G10'), ...m('Lenovo', 'ThinkPad T14 Gen 4', 'ThinkPad X1 Carbon Gen 11', 'ThinkPad P16s Gen 2'), ...m('Apple', 'MacBook Air 13" (M2)', 'MacBook Pro 14" (M3 Pro)', 'MacBook Pro 16" (M3 Max)')] },
  { category: 'DESKTOP', weight: 9, dataBearing: true, cost: [700, 4200], life: 48, personal: true, serial: 'AAX#XXX',
    models: [...m('Dell Technologies', 'OptiPlex 7010', 'Precision 3680'), ...m('HP Inc.', 'EliteDesk 800 G9', 'Z2 Tower G9'), ...m('Lenovo', 'ThinkCentre M90q Gen 4', 'ThinkStation P3'), ...m('Apple', 'Mac mini (M2)', 'Mac Studio (M2 Max)')] },
  { category: 'MONITOR', weight: 17, dataBearing: false, cost: [180, 900], life: 60, personal: true, serial: 'AA##X####',
    models: [...m('Dell Technologies', 'P2723DE', 'U2723QE', 'U3423WE'), ...m('LG Electronics', '27UN850-W', '34WN780-B'), ...m('Samsung', 'ViewFinity S8 27"'), ...m('HP Inc.', 'E24 G5', 'E27q G5'), ...m('Lenovo', 'ThinkVision T27h-30')] },
  { category: 'PHONE', weight: 10, dataBearing: true, cost: [450, 1300], life: 24, personal: true, serial: 'XXXXXXXXXXXX',
    models: [...m('Apple', 'iPhone 14', 'iPhone 15', 'iPhone 15 Pro'), ...m('Samsung', 'Galaxy S24', 'Galaxy A55'), ...m('Google', 'Pixel 8', 'Pixel 8 Pro')] },
  { category: 'TABLET', weight: 4, dataBearing: true, cost: [400, 1400], life: 36, personal: true, serial: 'XXXXXXXXXXXX',
    models: [...m('Apple', 'iPad Air (5th generation)', 'iPad Pro 11" (4th generation)'), ...m('Samsung', 'Galaxy Tab S9'), ...m('Microsoft', 'Surface Pro 9')] },
  { category: 'DOCKING_STATION', weight: 8, dataBearing: false, cost: [150, 380], life: 48, personal: true, serial: 'AAX####',
    models: [...m('Dell Technologies', 'WD22TB4 Thunderbolt Dock'), ...m('Lenovo', 'ThinkPad Universal USB-C Dock'), ...m('HP Inc.', 'USB-C Dock G5'), ...m('CalDigit', 'TS4')] },
  { category: 'PERIPHERAL', weight: 4, dataBearing: false, cost: [60, 320], life: 36, personal: true, serial: 'XXXX####',
    models: [...m('Logitech', 'MX Keys S', 'MX Master 3S', 'Brio 4K'), ...m('Jabra', 'Evolve2 65', 'Evolve2 85'), ...m('Poly', 'Voyager Focus 2')] },
  { category: 'PRINTER', weight: 2, dataBearing: true, cost: [450, 9000], life: 60, personal: false, serial: 'AAAA######',
    models: [...m('HP Inc.', 'LaserJet Enterprise M611dn', 'Color LaserJet Enterprise MFP M480f'), ...m('Brother', 'HL-L6210DW', 'MFC-L9670CDN'), ...m('Canon', 'imageRUNNER ADVANCE DX C5840i')] },
  { category: 'SCANNER', weight: 1, dataBearing: true, cost: [350, 1800], life: 60, personal: false, serial: 'AAAA######',
    models: [...m('Fujitsu', 'fi-8170', 'ScanSnap iX1600'), ...m('Canon', 'imageFORMULA DR-C230')] },
  { category: 'CONFERENCE_EQUIPMENT', weight: 2, dataBearing: false, cost: [1200, 6500], life: 60, personal: false, serial: 'XXXX######',
    models: [...m('Poly', 'Studio X50', 'Studio X30'), ...m('Logitech', 'Rally Bar', 'Rally Bar Mini'), ...m('Cisco', 'Webex Room Kit Mini')] },
  { category: 'EXTERNAL_STORAGE', weight: 1, dataBearing: true, cost: [90, 420], life: 36, personal: true, serial: 'XXXXXXXXXXXX',
    models: [...m('Samsung', 'T7 Shield 2 TB', 'T9 4 TB'), ...m('Western Digital', 'My Passport 4 TB', 'SanDisk Extreme Pro 2 TB')] },
  { category: 'SIM_CARD', weight: 3, dataBearing: true, cost: [5, 15], life: 24, personal: true, serial: '89##################',
    models: [...m('Vodafone Business', 'Business SIM (eSIM-capable)', 'IoT SIM')] },
  { category: 'SERVER', weight: 4, dataBearing: true, cost: [6500, 42000], life: 60, personal: false, serial: 'AAX#XXX',
    models: [...m('Dell Technologies', 'PowerEdge R660', 'PowerEdge R760', 'PowerEdge R7625'), ...m('Hewlett Packard Enterprise', 'ProLiant DL360 Gen11', 'ProLiant DL380 Gen11'), ...m('Lenovo', 'ThinkSystem SR650 V3')] },
  { category: 'STORAGE_SYSTEM', weight: 0.6, dataBearing: true, cost: [18000, 120000], life: 60, personal: false, serial: 'XXXXXXXXXXXX',
    models: [...m('NetApp', 'AFF A250', 'FAS2820'), ...m('Dell Technologies', 'PowerStore 500T'), ...m('Synology', 'RackStation RS3621xs+')] },
  { category: 'UPS', weight: 1, dataBearing: false, cost: [900, 6000], life: 84, personal: false, serial: 'AS##########',
    models: [...m('APC by Schneider Electric', 'Smart-UPS SRT 3000VA', 'Smart-UPS Ultra 5kVA'), ...m('Eaton', '9PX 3000i RT2U')] },
  { category: 'SECURITY_APPLIANCE', weight: 0.4, dataBearing: true, cost: [9000, 35000], life: 60, personal: false, serial: 'XXXXXXXXXXXX',
    models: [...m('Thales', 'Luna Network HSM 7'), ...m('Fortinet', 'FortiSandbox 1000F')] },
  { category: 'OTHER', weight: 1, dataBearing: false, cost: [40, 900], life: 36, personal: true, serial: 'XXXXXXXXXX',
    models: [...m('Logitech', 'Tap Scheduler'), ...m('Google', 'Chromecast with Google TV'), ...m('Apple', 'Apple TV 4K')] },
];

/** The cores, memory and storage of a hardware category, for `specs`. */
export const SPECS: Record<string, { cores: number[]; ramGb: number[]; storageGb: number[] }> = {
  LAPTOP: { cores: [8, 10, 12, 14], ramGb: [16, 32, 64], storageGb: [512, 1024, 2048] },
  DESKTOP: { cores: [8, 12, 16, 24], ramGb: [16, 32, 64, 128], storageGb: [512, 1024, 2048] },
  SERVER: { cores: [16, 24, 32, 48, 64], ramGb: [128, 256, 512, 1024], storageGb: [1920, 3840, 7680, 15360] },
};

export const OPERATING_SYSTEMS: Record<string, string[]> = {
  Apple: ['macOS 14 Sonoma', 'macOS 13 Ventura'],
  default: ['Windows 11 Enterprise 23H2', 'Windows 11 Enterprise 22H2', 'Windows 10 Enterprise 22H2', 'Ubuntu 22.04 LTS'],
  phone_Apple: ['iOS 17', 'iOS 16'],
  phone: ['Android 14', 'Android 13'],
};

export interface NetworkModelSpec {
  deviceType: string;
  weight: number;
  manufacturer: string;
  model: string;
  ports: number;
  firmware: string[];
  cost: [number, number];
}

export const NETWORK: NetworkModelSpec[] = [
  { deviceType: 'SWITCH', weight: 14, manufacturer: 'Cisco', model: 'Catalyst 9300-48P', ports: 52, firmware: ['IOS XE 17.9.4a', 'IOS XE 17.12.2'], cost: [7000, 12000] },
  { deviceType: 'SWITCH', weight: 10, manufacturer: 'Cisco', model: 'Catalyst 9200L-24P-4G', ports: 28, firmware: ['IOS XE 17.9.4a', 'IOS XE 17.6.5'], cost: [2500, 4200] },
  { deviceType: 'SWITCH', weight: 8, manufacturer: 'Aruba Networks', model: 'CX 6300M 48G', ports: 52, firmware: ['AOS-CX 10.12.1000', 'AOS-CX 10.11.1021'], cost: [5000, 9000] },
  { deviceType: 'SWITCH', weight: 5, manufacturer: 'Juniper Networks', model: 'EX4400-48P', ports: 52, firmware: ['Junos OS 23.2R1', 'Junos OS 22.4R2'], cost: [6000, 11000] },
  { deviceType: 'WIRELESS_ACCESS_POINT', weight: 22, manufacturer: 'Cisco', model: 'Meraki MR46', ports: 2, firmware: ['MR 30.6', 'MR 29.7.1'], cost: [900, 1400] },
  { deviceType: 'WIRELESS_ACCESS_POINT', weight: 14, manufacturer: 'Aruba Networks', model: 'AP-535', ports: 2, firmware: ['ArubaOS 8.11.2.1', 'ArubaOS 8.10.0.9'], cost: [800, 1300] },
  { deviceType: 'WIRELESS_ACCESS_POINT', weight: 8, manufacturer: 'Ubiquiti', model: 'U6 Pro', ports: 1, firmware: ['6.6.55', '6.5.62'], cost: [160, 220] },
  { deviceType: 'ROUTER', weight: 4, manufacturer: 'Cisco', model: 'ISR 4331', ports: 3, firmware: ['IOS XE 17.9.4a'], cost: [3000, 5500] },
  { deviceType: 'ROUTER', weight: 2, manufacturer: 'Juniper Networks', model: 'MX204', ports: 12, firmware: ['Junos OS 23.2R1'], cost: [25000, 40000] },
  { deviceType: 'FIREWALL', weight: 5, manufacturer: 'Fortinet', model: 'FortiGate 100F', ports: 22, firmware: ['FortiOS 7.4.3', 'FortiOS 7.2.7'], cost: [3000, 5000] },
  { deviceType: 'FIREWALL', weight: 3, manufacturer: 'Palo Alto Networks', model: 'PA-3220', ports: 20, firmware: ['PAN-OS 11.1.2', 'PAN-OS 10.2.8'], cost: [25000, 45000] },
  { deviceType: 'FIREWALL', weight: 3, manufacturer: 'Palo Alto Networks', model: 'PA-440', ports: 8, firmware: ['PAN-OS 11.1.2'], cost: [1200, 2200] },
  { deviceType: 'LOAD_BALANCER', weight: 1, manufacturer: 'F5', model: 'BIG-IP i5800', ports: 8, firmware: ['BIG-IP 17.1.1', 'BIG-IP 16.1.4'], cost: [30000, 60000] },
  { deviceType: 'MODEM', weight: 1, manufacturer: 'Zyxel', model: 'VMG8825-T50', ports: 5, firmware: ['V5.50(ABPY.1)C0'], cost: [150, 300] },
];

export interface SoftwareSpec {
  publisher: string;
  product: string;
  versions: string[];
  type: string;
  metric: string;
  weight: number;
  /** Price per seat and year (subscriptions) or per seat (perpetual), in EUR. */
  price: number;
  vendor?: string;
}

export const SOFTWARE: SoftwareSpec[] = [
  { publisher: 'Microsoft', product: 'Microsoft 365 E3', versions: ['2024'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 6, price: 430, vendor: 'Microsoft' },
  { publisher: 'Microsoft', product: 'Microsoft 365 E5', versions: ['2024'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 2, price: 690, vendor: 'Microsoft' },
  { publisher: 'Microsoft', product: 'Visio Plan 2', versions: ['2024'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 2, price: 180, vendor: 'Pinecrest Software Licensing' },
  { publisher: 'Microsoft', product: 'Project Plan 3', versions: ['2024'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 2, price: 340, vendor: 'Pinecrest Software Licensing' },
  { publisher: 'Microsoft', product: 'Windows Server 2022 Datacenter', versions: ['21H2'], type: 'PERPETUAL', metric: 'PER_CORE', weight: 3, price: 390, vendor: 'Pinecrest Software Licensing' },
  { publisher: 'Microsoft', product: 'SQL Server 2022 Enterprise', versions: ['16.0'], type: 'PERPETUAL', metric: 'PER_CORE', weight: 2, price: 6900, vendor: 'Pinecrest Software Licensing' },
  { publisher: 'Microsoft', product: 'Windows 11 Enterprise E3 (Enterprise Agreement)', versions: ['23H2'], type: 'ENTERPRISE_AGREEMENT', metric: 'SITE', weight: 1, price: 80, vendor: 'Microsoft' },
  { publisher: 'Adobe', product: 'Creative Cloud All Apps', versions: ['2024'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 3, price: 960 },
  { publisher: 'Adobe', product: 'Acrobat Pro', versions: ['2024'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 4, price: 240 },
  { publisher: 'Atlassian', product: 'Jira Software Cloud Premium', versions: ['Cloud'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 3, price: 190 },
  { publisher: 'Atlassian', product: 'Confluence Cloud Standard', versions: ['Cloud'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 3, price: 72 },
  { publisher: 'JetBrains', product: 'All Products Pack', versions: ['2024.1', '2023.3'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 3, price: 780 },
  { publisher: 'JetBrains', product: 'IntelliJ IDEA Ultimate', versions: ['2024.1', '2023.3'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 2, price: 600 },
  { publisher: 'Autodesk', product: 'AutoCAD', versions: ['2024', '2025'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 1, price: 2100 },
  { publisher: 'Slack Technologies', product: 'Slack Business+', versions: ['Cloud'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 2, price: 150 },
  { publisher: 'Zoom Video Communications', product: 'Zoom Workplace Business', versions: ['6.0'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 2, price: 210 },
  { publisher: 'Salesforce', product: 'Sales Cloud Enterprise', versions: ['Spring \'24'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 2, price: 1800 },
  { publisher: 'Tableau', product: 'Tableau Creator', versions: ['2024.1'], type: 'SUBSCRIPTION', metric: 'PER_USER', weight: 1, price: 900 },
  { publisher: 'VMware', product: 'vSphere Foundation', versions: ['8.0 U2'], type: 'SUBSCRIPTION', metric: 'PER_CORE', weight: 2, price: 150 },
  { publisher: 'Red Hat', product: 'Red Hat Enterprise Linux Server', versions: ['9.3', '8.9'], type: 'SUBSCRIPTION', metric: 'PER_DEVICE', weight: 3, price: 800 },
  { publisher: 'CrowdStrike', product: 'Falcon Enterprise', versions: ['7.10'], type: 'SUBSCRIPTION', metric: 'PER_DEVICE', weight: 3, price: 110 },
  { publisher: 'Veeam', product: 'Veeam Data Platform Foundation', versions: ['12.1'], type: 'SUBSCRIPTION', metric: 'PER_DEVICE', weight: 2, price: 160 },
  { publisher: 'Oracle', product: 'Oracle Database Enterprise Edition', versions: ['19c', '23ai'], type: 'PERPETUAL', metric: 'PER_CORE', weight: 1, price: 21000 },
  { publisher: 'TeamViewer', product: 'TeamViewer Business', versions: ['15'], type: 'SUBSCRIPTION', metric: 'CONCURRENT', weight: 1, price: 420 },
  { publisher: 'Citrix', product: 'Citrix Virtual Apps and Desktops', versions: ['2402 LTSR'], type: 'SUBSCRIPTION', metric: 'CONCURRENT', weight: 1, price: 250 },
  { publisher: 'The Document Foundation', product: 'LibreOffice', versions: ['24.2', '7.6'], type: 'OPEN_SOURCE', metric: 'SITE', weight: 1, price: 0 },
  { publisher: 'Figma', product: 'Figma Professional (trial)', versions: ['Cloud'], type: 'TRIAL', metric: 'PER_USER', weight: 1, price: 0 },
  { publisher: 'Microsoft', product: 'Office LTSC Professional Plus 2021', versions: ['2021'], type: 'PERPETUAL', metric: 'PER_DEVICE', weight: 2, price: 520, vendor: 'Pinecrest Software Licensing' },
];

export interface CloudTypeSpec {
  provider: string;
  serviceModel: string;
  resourceType: string;
  /** Monthly cost range. */
  cost: [number, number];
  /** Short name part of the resource, e.g. `db`, `vm`. */
  stem: string;
  /** Can host virtual machines (hypervisor CLOUD). */
  compute?: boolean;
  /** Can store data assets. */
  storage?: boolean;
  weight: number;
}

export const CLOUD: CloudTypeSpec[] = [
  { provider: 'AWS', serviceModel: 'IAAS', resourceType: 'EC2 instance', cost: [30, 1800], stem: 'ec2', compute: true, weight: 14 },
  { provider: 'AWS', serviceModel: 'IAAS', resourceType: 'EBS volume', cost: [5, 400], stem: 'ebs', storage: true, weight: 6 },
  { provider: 'AWS', serviceModel: 'IAAS', resourceType: 'S3 bucket', cost: [1, 900], stem: 's3', storage: true, weight: 8 },
  { provider: 'AWS', serviceModel: 'PAAS', resourceType: 'RDS for PostgreSQL', cost: [60, 4200], stem: 'rds', storage: true, weight: 6 },
  { provider: 'AWS', serviceModel: 'PAAS', resourceType: 'EKS cluster', cost: [75, 3000], stem: 'eks', weight: 3 },
  { provider: 'AWS', serviceModel: 'PAAS', resourceType: 'Lambda function', cost: [0, 120], stem: 'fn', weight: 5 },
  { provider: 'AWS', serviceModel: 'PAAS', resourceType: 'ElastiCache for Redis', cost: [25, 900], stem: 'cache', weight: 2 },
  { provider: 'AZURE', serviceModel: 'IAAS', resourceType: 'Virtual machine', cost: [30, 1600], stem: 'vm', compute: true, weight: 9 },
  { provider: 'AZURE', serviceModel: 'IAAS', resourceType: 'Storage account', cost: [2, 700], stem: 'st', storage: true, weight: 5 },
  { provider: 'AZURE', serviceModel: 'PAAS', resourceType: 'Azure SQL Database', cost: [15, 3500], stem: 'sql', storage: true, weight: 5 },
  { provider: 'AZURE', serviceModel: 'PAAS', resourceType: 'App Service plan', cost: [12, 800], stem: 'app', weight: 4 },
  { provider: 'AZURE', serviceModel: 'PAAS', resourceType: 'AKS cluster', cost: [70, 2800], stem: 'aks', weight: 2 },
  { provider: 'GCP', serviceModel: 'IAAS', resourceType: 'Compute Engine instance', cost: [25, 1500], stem: 'gce', compute: true, weight: 5 },
  { provider: 'GCP', serviceModel: 'IAAS', resourceType: 'Cloud Storage bucket', cost: [1, 600], stem: 'gcs', storage: true, weight: 3 },
  { provider: 'GCP', serviceModel: 'PAAS', resourceType: 'Cloud SQL for PostgreSQL', cost: [20, 2500], stem: 'csql', storage: true, weight: 2 },
  { provider: 'GCP', serviceModel: 'PAAS', resourceType: 'BigQuery dataset', cost: [5, 5000], stem: 'bq', storage: true, weight: 2 },
  { provider: 'OCI', serviceModel: 'IAAS', resourceType: 'Compute instance', cost: [20, 1200], stem: 'oci', compute: true, weight: 1 },
  { provider: 'OCI', serviceModel: 'PAAS', resourceType: 'Autonomous Database', cost: [250, 4000], stem: 'adb', storage: true, weight: 1 },
  { provider: 'OTHER', serviceModel: 'SAAS', resourceType: 'GitHub Enterprise Cloud', cost: [800, 9000], stem: 'github', weight: 2 },
  { provider: 'OTHER', serviceModel: 'SAAS', resourceType: 'Datadog organisation', cost: [500, 15000], stem: 'datadog', weight: 1 },
  { provider: 'OTHER', serviceModel: 'SAAS', resourceType: 'Snowflake account', cost: [900, 20000], stem: 'snowflake', weight: 1 },
  { provider: 'OTHER', serviceModel: 'SAAS', resourceType: 'Okta Workforce Identity', cost: [600, 12000], stem: 'okta', weight: 1 },
  { provider: 'AZURE', serviceModel: 'SAAS', resourceType: 'Microsoft Entra ID P2', cost: [300, 6000], stem: 'entra', weight: 1 },
];

export const REGIONS: Record<string, string[]> = {
  AWS: ['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-1'],
  AZURE: ['westeurope', 'northeurope', 'germanywestcentral', 'eastus2', 'southeastasia'],
  GCP: ['europe-west3', 'europe-west1', 'us-central1', 'asia-southeast1'],
  OCI: ['eu-frankfurt-1', 'us-ashburn-1'],
  OTHER: ['global', 'eu', 'us'],
};

/** What the services behind servers, VMs and cloud resources are called. */
export const SERVICES = ['web', 'api', 'auth', 'billing', 'orders', 'search', 'reports', 'etl', 'ci', 'mail', 'files', 'crm', 'erp', 'wiki', 'monitor', 'logs', 'backup', 'vpn', 'build', 'cache', 'queue', 'payments', 'catalog', 'analytics', 'hr', 'intranet', 'sso', 'git', 'dns', 'print'];
export const ENVIRONMENTS = ['prod', 'prod', 'prod', 'stage', 'test', 'dev'];

export const VM_OS = ['Ubuntu 22.04 LTS', 'Ubuntu 24.04 LTS', 'Red Hat Enterprise Linux 9.3', 'Red Hat Enterprise Linux 8.9', 'Debian 12', 'Rocky Linux 9.3', 'Windows Server 2022 Datacenter', 'Windows Server 2019 Standard'];

export interface DataAssetSpec {
  name: string;
  category: string;
  classification: string;
  personal: boolean;
  /** Retention in years (null: kept indefinitely). */
  retentionYears: number | null;
}

export const DATA_ASSETS: DataAssetSpec[] = [
  { name: 'Customer CRM database', category: 'CUSTOMER_RECORDS', classification: 'CONFIDENTIAL', personal: true, retentionYears: 6 },
  { name: 'Order history', category: 'DATABASE', classification: 'CONFIDENTIAL', personal: true, retentionYears: 10 },
  { name: 'Personnel files', category: 'DOCUMENTS', classification: 'RESTRICTED', personal: true, retentionYears: 10 },
  { name: 'Payroll records', category: 'DATABASE', classification: 'RESTRICTED', personal: true, retentionYears: 10 },
  { name: 'General ledger', category: 'DATABASE', classification: 'CONFIDENTIAL', personal: false, retentionYears: 10 },
  { name: 'Supplier contracts archive', category: 'DOCUMENTS', classification: 'CONFIDENTIAL', personal: false, retentionYears: 7 },
  { name: 'Source code repositories', category: 'SOURCE_CODE', classification: 'CONFIDENTIAL', personal: false, retentionYears: null },
  { name: 'Marketing asset library', category: 'MULTIMEDIA', classification: 'INTERNAL', personal: false, retentionYears: 3 },
  { name: 'Product documentation', category: 'DOCUMENTS', classification: 'PUBLIC', personal: false, retentionYears: null },
  { name: 'Support ticket archive', category: 'CUSTOMER_RECORDS', classification: 'CONFIDENTIAL', personal: true, retentionYears: 3 },
  { name: 'Nightly backup set', category: 'BACKUP', classification: 'RESTRICTED', personal: true, retentionYears: 1 },
  { name: 'Call recordings', category: 'MULTIMEDIA', classification: 'RESTRICTED', personal: true, retentionYears: 2 },
  { name: 'Web analytics events', category: 'DATABASE', classification: 'INTERNAL', personal: true, retentionYears: 2 },
  { name: 'Applicant tracking data', category: 'CUSTOMER_RECORDS', classification: 'RESTRICTED', personal: true, retentionYears: 1 },
  { name: 'Board minutes', category: 'DOCUMENTS', classification: 'RESTRICTED', personal: false, retentionYears: null },
  { name: 'Telemetry warehouse', category: 'OTHER', classification: 'INTERNAL', personal: false, retentionYears: 5 },
];

export const BACKUP_POLICIES = [
  'Daily incremental, weekly full; 35-day retention; copy in a second region',
  'Continuous point-in-time recovery (7 days); monthly snapshot kept 12 months',
  'Nightly snapshot kept 14 days',
  'Weekly full backup kept 90 days; immutable copy',
  'No backup: reproducible from source',
];

export const CERT_HOSTS = ['www', 'api', 'auth', 'sso', 'vpn', 'mail', 'intranet', 'wiki', 'grafana', 'jira', 'git', 'status', 'shop', 'cdn', 'portal', 'files', 'hr', 'support', 'billing', 'partners'];

export const CERT_ISSUERS: Array<{ issuer: string; days: number; keys: string[]; weight: number }> = [
  { issuer: 'CN=R11, O=Let\'s Encrypt, C=US', days: 90, keys: ['RSA-2048', 'ECDSA-P256'], weight: 5 },
  { issuer: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US', days: 397, keys: ['RSA-2048', 'RSA-4096'], weight: 3 },
  { issuer: 'CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, C=GB', days: 365, keys: ['RSA-2048'], weight: 2 },
  { issuer: 'CN=Example Corp Issuing CA 1, O=Example Corp, C=DE', days: 730, keys: ['RSA-3072', 'ECDSA-P384'], weight: 4 },
];

export const MAINTENANCE_TEXT: Record<string, string[]> = {
  PREVENTIVE: ['Annual preventive maintenance', 'Fan and filter cleaning', 'Battery health check'],
  REPAIR: ['Replace cracked screen', 'Replace swollen battery', 'Keyboard replacement', 'Replace failed disk', 'Power supply replaced', 'Hinge repair'],
  UPGRADE: ['Memory upgrade to 32 GB', 'SSD upgrade to 1 TB', 'Add second power supply'],
  INSPECTION: ['Electrical safety test (PAT)', 'Rack inspection', 'UPS load test'],
  CALIBRATION: ['Colour calibration', 'Scanner calibration'],
  SOFTWARE_UPDATE: ['Firmware update', 'BIOS update', 'OS upgrade to the current release'],
  OTHER: ['Asset tag replaced', 'Reimaged after malware alert'],
};

export const CHECKOUT_NOTES = ['New starter', 'Replacement device', 'Project loan', 'Conference trip', 'Temporary loan while own device is repaired', 'Role change', 'Hardware refresh'];
export const CHECKIN_NOTES = ['Returned at offboarding', 'Returned after loan', 'Hardware refresh: old device returned', 'Returned for reimaging', 'Returned: no longer needed'];
export const TRANSFER_NOTES = ['Handed over within the team', 'Reassigned after role change', 'Team move'];
export const LOST_NOTES = ['Left on a train', 'Stolen from a car; police report filed', 'Not returned by a leaver', 'Missing after office move'];
