import { Module } from '@nestjs/common';
import { ChatWidgetsResolver } from './chat-widgets.resolver';
import { ChatWidgetsService } from './chat-widgets.service';
import { WidgetSnapshotBackfill } from './widget-snapshot-backfill';

@Module({ providers: [ChatWidgetsService, ChatWidgetsResolver, WidgetSnapshotBackfill], exports: [ChatWidgetsService] })
export class WidgetsModule {}
