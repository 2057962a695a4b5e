import { Module } from '@nestjs/common';
import { TestCasesResolver } from './test-cases.resolver';
import { TestCasesService } from './test-cases.service';

@Module({ providers: [TestCasesService, TestCasesResolver], exports: [TestCasesService] })
export class TestCasesModule {}
