import { CreateTenants1732460100000 } from './1732460100000-create-tenants';
import { CreateTestRuns1732470000000 } from './1732470000000-create-test-runs';
import { AddOpenAndStartedCounts1732480000000 } from './1732480000000-add-open-and-started-counts';
import { AddAnnouncedVersion1732490000000 } from './1732490000000-add-announced-version';
import { CreateChatWidgetProjection1732500100000 } from './1732500100000-create-chat-widget-projection';
import { LoginRoleReadsRuns1732510100000 } from './1732510100000-login-role-reads-runs';

/** In order; committed migrations are never edited, a change is a new migration. */
export const orchestratorMigrations = [
  CreateTenants1732460100000,
  CreateTestRuns1732470000000,
  AddOpenAndStartedCounts1732480000000,
  AddAnnouncedVersion1732490000000,
  CreateChatWidgetProjection1732500100000,
  LoginRoleReadsRuns1732510100000,
];
