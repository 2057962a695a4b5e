import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule, type SimulationModuleOptions } from './app.module';
import { ConversationEntity, ConversationTurnEntity } from './conversations/conversation.entity';
import { simulationMigrations } from './migrations';
import { ChatWidgetEntity, SIMULATION_SCHEMA } from './widgets/chat-widget.entity';

const topics: string[] = [
  Topics.chatWidgetsSnapshot,
  Topics.simulationRequested,
  Topics.simulationStep,
  Topics.simulationStarted,
  Topics.simulationTurn,
  Topics.simulationCompleted,
  Topics.runUpdated,
];

/** The service as a host starts it; options replace collaborators (tests). */
export function defineSimulationService(options: SimulationModuleOptions = {}): ServiceDefinition {
  return {
    name: 'simulation',
    schema: SIMULATION_SCHEMA,
    defaultPort: 4104,
    entities: [ChatWidgetEntity, ConversationEntity, ConversationTurnEntity],
    migrations: simulationMigrations,
    topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
    module: AppModule.forRoot(options),
  };
}

/** The simulation service: chat widgets (connections to agents under test) and simulated conversations. */
export const simulationService: ServiceDefinition = defineSimulationService();
