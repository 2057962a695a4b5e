import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TestCaseSourceKinds, type TestCaseSourceKind } from '../test-case.entity';

export const TestCaseSourceKindEnum = Object.fromEntries(TestCaseSourceKinds.map((k) => [k, k])) as Record<TestCaseSourceKind, TestCaseSourceKind>;
registerEnumType(TestCaseSourceKindEnum, { name: 'TestCaseSourceKind', description: 'How a test case came to be.' });

@ObjectType('PersonaFact', { description: 'A fact the simulated customer can use, e.g. order_number = DG-882341.' })
export class PersonaFactModel {
  @Field() name: string;
  @Field() value: string;
}

@ObjectType('TestCaseSource')
export class TestCaseSourceModel {
  @Field(() => TestCaseSourceKindEnum) kind: TestCaseSourceKind;
  @Field(() => String, { nullable: true, description: 'What the case was generated or imported from.' }) ref: string | null;
}

@ObjectType('TestCase', { description: 'One scenario for the simulated customer to play against an agent.' })
@Directive('@key(fields: "id")')
export class TestCaseModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() toneOfVoice: string;
  @Field() behaviour: string;
  @Field(() => [PersonaFactModel]) personaFacts: PersonaFactModel[];
  @Field() successCriteria: string;
  @Field(() => String, { nullable: true, description: 'BCP 47 tag; unset means English.' }) language: string | null;
  @Field(() => String, { nullable: true }) agentCriteria: string | null;
  @Field(() => String, { nullable: true }) type: string | null;
  @Field(() => String, { nullable: true }) intent: string | null;
  @Field(() => TestCaseSourceModel) source: TestCaseSourceModel;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('TestCaseEdge')
export class TestCaseEdgeModel {
  @Field() cursor: string;
  @Field(() => TestCaseModel) node: TestCaseModel;
}

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoModel {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('TestCaseConnection')
export class TestCaseConnectionModel {
  @Field(() => [TestCaseEdgeModel]) edges: TestCaseEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@ObjectType('TestCaseFacets', { description: 'Distinct values for the Type, Language and Intent filter menus.' })
export class TestCaseFacetsModel {
  @Field(() => [String]) types: string[];
  @Field(() => [String], { description: 'Cases without a language count as "en".' }) languages: string[];
  @Field(() => [String]) intents: string[];
}

@ObjectType('ImportError')
@Directive('@shareable')
export class ImportErrorModel {
  @Field(() => Int, { nullable: true, description: '1-based record number in the file.' }) row: number | null;
  @Field(() => Int, { nullable: true, description: '1-based line where the record starts.' }) line: number | null;
  @Field(() => String, { nullable: true }) field: string | null;
  @Field() message: string;
}

@ObjectType('ImportResult')
@Directive('@shareable')
export class ImportResultModel {
  @Field(() => Int) imported: number;
  @Field(() => [ImportErrorModel]) errors: ImportErrorModel[];
}
