export * from './config';
export * from './spec';
export * from './registry';
export * from './permissions';
export * from './entity';
export * from './events';
export * from './client';
export * from './cost';
