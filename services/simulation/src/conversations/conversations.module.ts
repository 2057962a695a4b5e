import { Module } from '@nestjs/common';
import { WidgetsModule } from '../widgets/widgets.module';
import { ConversationConsumers } from './conversation-consumers';
import { ConversationResolver } from './conversation.resolver';
import { ConversationStarter } from './conversation-starter';
import { ConversationSteps } from './conversation-steps';
import { LeaseSweeper } from './lease-sweeper';

@Module({
  imports: [WidgetsModule],
  providers: [ConversationStarter, ConversationSteps, ConversationConsumers, LeaseSweeper, ConversationResolver],
  exports: [ConversationStarter, ConversationSteps, LeaseSweeper],
})
export class ConversationsModule {}
