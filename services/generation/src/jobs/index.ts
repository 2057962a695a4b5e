export { JobsModule, type JobsModuleOptions } from './jobs.module';
export { generationJobsConfigDefinition } from './jobs.config';
export { GENERATION_JOBS_GROUP } from './generation-requested.consumer';
