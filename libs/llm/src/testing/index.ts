export * from './fake-openai';
export * from './scripted-roles';
