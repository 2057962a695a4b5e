export { OfflineSimulatedCustomer, OFFLINE_CUSTOMER_VERSION } from './offline-customer';
export { OfflineJudge, OFFLINE_ENGINE, OFFLINE_MODEL, OFFLINE_JUDGE_VERSION, UNMET_CAP, overallScore } from './offline-judge';
export { detectLanguage } from './language';
