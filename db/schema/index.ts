export * from './people';
export * from './ledger';
export * from './activities';
export * from './community';
