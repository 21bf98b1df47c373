/**
 * Customer accounts: customers, service locations, meters, services, the contact log and the
 * FTS5 account search. See README.md in this folder.
 */
export * from './search';
export * from './accounts';
export * from './contacts';
export * from './format';
