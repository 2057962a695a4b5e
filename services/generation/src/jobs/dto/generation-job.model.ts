import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GenerationSources, type GenerationSourceName } from '@sim/llm';
import { TicketFilterModel } from '../../sources/dto/ticket.model';
import { GenerationJobStatuses, type GenerationJobStatus } from '../generation-job.store';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const GenerationSourceEnum = asEnum(GenerationSources);
registerEnumType(GenerationSourceEnum, { name: 'GenerationSource', description: 'What test cases are generated from.' });

export const GenerationJobStatusEnum = asEnum(GenerationJobStatuses);
registerEnumType(GenerationJobStatusEnum, { name: 'GenerationJobStatus' });

@InputType('GenerateTestCasesInput', { description: 'Only the fields of the chosen source are read.' })
export class GenerateTestCasesInputModel {
  @Field(() => GenerationSourceEnum) source: GenerationSourceName;
  @Field(() => ID, { nullable: true, description: 'KNOWLEDGE_SOURCE: the collection to generate from.' }) knowledgeCollectionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'PURCHASE_AI: the collection to generate from.' }) paiCollectionId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'INTENTS: one or more intents.' }) intentIds?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'INTENTS: cases per intent, 1 to 3.' }) casesPerIntent?: number | null;
  @Field(() => TicketFilterModel, { nullable: true, description: 'HISTORICAL_TICKETS: which tickets; none means all.' }) ticketFilter?: TicketFilterModel | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 tag of the generated cases; default en.' }) language?: string | null;
  @Field(() => Int, { nullable: true, description: 'Cases to generate, 1 to 20 (default 5); not for INTENTS.' }) count?: number | null;
}

/** `created` and `testCases` come from test-cases, which knows which generated cases it stored. */
@ObjectType('GenerationJob', { description: 'One run of AI test-case generation.' })
@Directive('@key(fields: "id")')
export class GenerationJobModel {
  @Field(() => ID) id: string;
  @Field(() => GenerationJobStatusEnum) status: GenerationJobStatus;
  @Field(() => Int, { description: 'Cases asked for (count, or intents x cases per intent).' }) requested: number;
  @Field(() => Int, { description: 'Cases generated and handed to test-cases (which stores those that do not duplicate an existing case).' })
  generated: number;
  @Field(() => String, { nullable: true, description: 'Why the job FAILED.' }) error: string | null;
}
