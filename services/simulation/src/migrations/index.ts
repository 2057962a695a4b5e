import { CreateSimulationSchema1732460300000 } from './1732460300000-create-simulation-schema';
import { CreateWidgetsAndConversations1732460310000 } from './1732460310000-create-widgets-and-conversations';
import { AddWidgetVersions1732500000000 } from './1732500000000-add-widget-versions';
import { AddConversationWidgetUuid1732510000000 } from './1732510000000-add-conversation-widget-uuid';

/** In order; committed migrations are never edited, a change is a new migration. */
export const simulationMigrations = [CreateSimulationSchema1732460300000, CreateWidgetsAndConversations1732460310000, AddWidgetVersions1732500000000, AddConversationWidgetUuid1732510000000];
