export * from './types';
export * from './book';
export * from './exchange';
