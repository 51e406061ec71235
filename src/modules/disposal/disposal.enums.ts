import { describeEnum } from '../../common/enums';

export enum DisposalMethod {
  RESALE = 'RESALE',
  RECYCLE = 'RECYCLE',
  DONATION = 'DONATION',
  MANUFACTURER_BUYBACK = 'MANUFACTURER_BUYBACK',
  LEASE_RETURN = 'LEASE_RETURN',
  DESTRUCTION = 'DESTRUCTION',
}
describeEnum(DisposalMethod, 'DisposalMethod', 'How an asset left the organisation.', {
  RESALE: 'Sold to a buyer.',
  RECYCLE: 'Handed to a recycler (a vendor with the RECYCLER role).',
  DONATION: 'Given away, e.g. to a charity or school.',
  MANUFACTURER_BUYBACK: 'Sold or traded back to its manufacturer.',
  LEASE_RETURN: 'Returned to the lessor at the end of a lease.',
  DESTRUCTION: 'Physically destroyed.',
});

/** NIST SP 800-88 Rev. 1 sanitisation categories. */
export enum SanitizationMethod {
  CLEAR = 'CLEAR',
  PURGE = 'PURGE',
  DESTROY = 'DESTROY',
}
describeEnum(SanitizationMethod, 'SanitizationMethod', 'Media sanitisation category of NIST SP 800-88.', {
  CLEAR: 'Logical techniques that protect against simple, non-invasive recovery (e.g. overwrite, factory reset).',
  PURGE: 'Physical or logical techniques that make recovery infeasible with state-of-the-art laboratory methods (e.g. cryptographic erase, block erase, degauss).',
  DESTROY: 'The media cannot be used again and recovery is infeasible (shred, disintegrate, pulverize, melt, incinerate).',
});

/** Techniques, each belonging to one NIST SP 800-88 category. */
export enum SanitizationTechnique {
  OVERWRITE = 'OVERWRITE',
  FACTORY_RESET = 'FACTORY_RESET',
  CRYPTOGRAPHIC_ERASE = 'CRYPTOGRAPHIC_ERASE',
  BLOCK_ERASE = 'BLOCK_ERASE',
  SECURE_ERASE = 'SECURE_ERASE',
  DEGAUSS = 'DEGAUSS',
  SHRED = 'SHRED',
  DISINTEGRATE = 'DISINTEGRATE',
  PULVERIZE = 'PULVERIZE',
  MELT = 'MELT',
  INCINERATE = 'INCINERATE',
}
describeEnum(SanitizationTechnique, 'SanitizationTechnique', 'How the media was sanitised; each technique belongs to one SanitizationMethod.', {
  OVERWRITE: 'Overwriting all user-addressable storage (CLEAR).',
  FACTORY_RESET: 'The device\'s full factory reset (CLEAR).',
  CRYPTOGRAPHIC_ERASE: 'Destroying the media encryption key (PURGE).',
  BLOCK_ERASE: 'The media\'s block erase command (PURGE).',
  SECURE_ERASE: 'The ATA/NVMe sanitize or secure-erase command (PURGE).',
  DEGAUSS: 'Degaussing magnetic media (PURGE).',
  SHRED: 'Shredding (DESTROY).',
  DISINTEGRATE: 'Disintegration (DESTROY).',
  PULVERIZE: 'Pulverisation (DESTROY).',
  MELT: 'Melting (DESTROY).',
  INCINERATE: 'Incineration (DESTROY).',
});

/** Which category each technique belongs to: a technique given with another category is INVALID. */
export const TECHNIQUE_METHOD: Readonly<Record<SanitizationTechnique, SanitizationMethod>> = {
  OVERWRITE: SanitizationMethod.CLEAR,
  FACTORY_RESET: SanitizationMethod.CLEAR,
  CRYPTOGRAPHIC_ERASE: SanitizationMethod.PURGE,
  BLOCK_ERASE: SanitizationMethod.PURGE,
  SECURE_ERASE: SanitizationMethod.PURGE,
  DEGAUSS: SanitizationMethod.PURGE,
  SHRED: SanitizationMethod.DESTROY,
  DISINTEGRATE: SanitizationMethod.DESTROY,
  PULVERIZE: SanitizationMethod.DESTROY,
  MELT: SanitizationMethod.DESTROY,
  INCINERATE: SanitizationMethod.DESTROY,
};
