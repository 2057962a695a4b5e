export * from './types';
export * from './llm.config';
export * from './engines';
