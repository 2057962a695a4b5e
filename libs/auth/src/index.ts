export * from './roles';
export * from './auth-error';
export * from './jwt';
export * from './api-keys';
export * from './internal-headers';
