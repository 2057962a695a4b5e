import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';

export enum ExportFormat {
  JSON = 'JSON',
  YAML = 'YAML',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, { name: 'ExportFormat' });

/**
 * GraphQL only checks shapes here: every rule (required, lengths, language tags, unique
 * fact names) lives in domain/validate-test-case.ts, so the API and imports agree.
 */
@InputType('PersonaFactInput')
export class PersonaFactInputModel {
  @Field() name: string;
  @Field() value: string;
}

@InputType('TestCaseInput')
export class TestCaseInputModel {
  @Field() name: string;
  @Field() toneOfVoice: string;
  @Field() behaviour: string;
  @Field(() => [PersonaFactInputModel], { nullable: true }) personaFacts?: PersonaFactInputModel[] | null;
  @Field() successCriteria: string;
  @Field(() => String, { nullable: true }) language?: string | null;
  @Field(() => String, { nullable: true }) agentCriteria?: string | null;
  @Field(() => String, { nullable: true }) type?: string | null;
  @Field(() => String, { nullable: true }) intent?: string | null;
}

@InputType('TestCaseFilter')
export class TestCaseFilterModel {
  @Field(() => [String], { nullable: true }) types?: string[] | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
  @Field(() => [String], { nullable: true }) intents?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Words that must each start a word of the name, behaviour or criteria.' }) search?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Only these cases (e.g. the selected rows); an unknown id is NOT_FOUND.' }) ids?: string[] | null;
}
