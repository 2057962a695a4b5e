import { Module } from '@nestjs/common';
import { ChatWidgetsResolver } from './chat-widgets.resolver';
import { ChatWidgetsService } from './chat-widgets.service';

@Module({ providers: [ChatWidgetsService, ChatWidgetsResolver], exports: [ChatWidgetsService] })
export class WidgetsModule {}
