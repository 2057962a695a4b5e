import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { loadConfig } from '@sim/config';
import { createLlmEngines, type SimulatedCustomer } from '@sim/llm';
import { serviceStatusResolver, subgraphGraphQLModule } from '@sim/subgraph';
import type { ConnectorDependencies } from './connectors/connector-registry';
import type { ChatCompletion } from './connectors/openai-connector';
import { UrlGuard } from './connectors/url-guard';
import { RunCaseConversationRef } from './conversations/conversation.model';
import { ConversationsModule } from './conversations/conversations.module';
import { DEV_CONNECTOR_SECRET_KEY, simulationConfigDefinition, type SimulationConfig } from './simulation.config';
import { CONNECTOR_DEPENDENCIES, SIMULATED_CUSTOMER, SIMULATION_CONFIG } from './simulation.tokens';
import { SecretBox } from './widgets/secret-box';
import { WidgetsModule } from './widgets/widgets.module';

export interface SimulationModuleOptions {
  /** Where the configuration is read from; default process.env. */
  env?: Record<string, string | undefined>;
  /** Replaces the configured simulated customer (tests, scripted demos). */
  customer?: SimulatedCustomer;
  /** Replaces the OpenAI-compatible client of the OPENAI connector (tests). */
  chatCompletion?: ChatCompletion;
}

/** The service's configuration and the collaborators built from it, for every module. */
@Global()
@Module({})
class SimulationCoreModule {
  static forRoot(options: SimulationModuleOptions): DynamicModule {
    return {
      module: SimulationCoreModule,
      providers: [
        { provide: SIMULATION_CONFIG, useFactory: () => loadSimulationConfig(options.env ?? process.env) },
        {
          provide: SIMULATED_CUSTOMER,
          inject: [SIMULATION_CONFIG],
          useFactory: (config: SimulationConfig): SimulatedCustomer => {
            if (options.customer) return options.customer;
            const engines = createLlmEngines(config);
            new Logger('simulation').log(`simulated customer: ${engines.customer.engine} (${engines.mode})`);
            return engines.customer;
          },
        },
        { provide: SecretBox, inject: [SIMULATION_CONFIG], useFactory: (config: SimulationConfig) => new SecretBox(config.connectorSecretKey) },
        { provide: UrlGuard, inject: [SIMULATION_CONFIG], useFactory: (config: SimulationConfig) => new UrlGuard(config.agentUrlAllowlist) },
        {
          provide: CONNECTOR_DEPENDENCIES,
          inject: [UrlGuard],
          useFactory: (guard: UrlGuard): ConnectorDependencies => ({ guard, chatCompletion: options.chatCompletion }),
        },
      ],
      exports: [SIMULATION_CONFIG, SIMULATED_CUSTOMER, SecretBox, UrlGuard, CONNECTOR_DEPENDENCIES],
    };
  }
}

export function loadSimulationConfig(env: Record<string, string | undefined>): SimulationConfig {
  const config = loadConfig(simulationConfigDefinition, env);
  if (env.NODE_ENV === 'production' && config.connectorSecretKey === DEV_CONNECTOR_SECRET_KEY) {
    throw new Error('CONNECTOR_SECRET_KEY must be set in production (the development default is public)');
  }
  return config;
}

/** Chat widgets and the conversation pipeline. `forRoot()` with no options is what the service runs. */
@Module({})
export class AppModule {
  static forRoot(options: SimulationModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      // TestRunCase is reachable from no query of this subgraph: only through the gateway's entity lookups.
      imports: [subgraphGraphQLModule({ orphanedTypes: [RunCaseConversationRef] }), SimulationCoreModule.forRoot(options), WidgetsModule, ConversationsModule],
      providers: [serviceStatusResolver('simulationStatus', 'simulation')],
    };
  }
}
