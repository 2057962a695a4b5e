export * from './types';
export * from './llm.config';
export * from './engines';
export * from './offline';
export * from './openai';
export * from './generator';
