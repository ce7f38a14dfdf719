export * from './types';
export * from './runs';
