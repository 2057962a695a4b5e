import { Directive, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/*
 * Types the test-cases subgraph declares too: federation composes them only when both
 * declarations are identical (same fields, nullability, enum values) and value types are
 * @shareable. Keep these in step with services/test-cases/src/test-cases/dto.
 */

export enum ExportFormat {
  JSON = 'JSON',
  YAML = 'YAML',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, { name: 'ExportFormat' });

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoModel {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
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

/** Same values as the simulation subgraph's TurnRole. */
export enum TurnRoleEnum {
  CUSTOMER = 'CUSTOMER',
  AGENT = 'AGENT',
}
registerEnumType(TurnRoleEnum, { name: 'TurnRole', description: 'Who spoke a turn: the simulated CUSTOMER or the AGENT under test.' });
