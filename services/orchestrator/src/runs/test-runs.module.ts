import { Module } from '@nestjs/common';
import { loadOrchestratorConfig, ORCHESTRATOR_CONFIG } from '../orchestrator.config';
import { DeadLetterConsumer } from './consumers/dead-letter.consumer';
import { PipelineConsumer } from './consumers/pipeline.consumer';
import { ProjectionConsumer } from './consumers/projection.consumer';
import { RunAnnouncer } from './run-announcer';
import { RunCaseSweeper } from './run-case-sweeper';
import { RunStatusMetrics } from './run-status.metrics';
import { RunSubscriptionsResolver } from './run-subscriptions.resolver';
import { TestRunCasesResolver, TestRunsResolver } from './test-runs.resolver';
import { TestRunsService } from './test-runs.service';

@Module({
  providers: [
    { provide: ORCHESTRATOR_CONFIG, useFactory: () => loadOrchestratorConfig() },
    TestRunsService,
    TestRunsResolver,
    TestRunCasesResolver,
    RunSubscriptionsResolver,
    ProjectionConsumer,
    PipelineConsumer,
    DeadLetterConsumer,
    RunCaseSweeper,
    RunAnnouncer,
    RunStatusMetrics,
  ],
  exports: [TestRunsService],
})
export class TestRunsModule {}
