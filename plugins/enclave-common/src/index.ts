export * from './config';
export * from './spec';
