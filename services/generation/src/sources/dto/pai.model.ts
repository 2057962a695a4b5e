import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfoModel } from './shared.model';

export enum PaiItemKindEnum {
  PRODUCT = 'PRODUCT',
  ORDER = 'ORDER',
  OTHER = 'OTHER',
}
registerEnumType(PaiItemKindEnum, { name: 'PaiItemKind', description: 'What a record looks like, guessed from its field names.' });

@ObjectType('PaiCollection', { description: 'Purchase AI records (products, orders) to generate test cases from.' })
export class PaiCollectionModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) itemCount: number;
  @Field() createdAt: Date;
}

@ObjectType('PaiField')
export class PaiFieldModel {
  @Field() name: string;
  @Field() value: string;
}

@ObjectType('PaiItem')
export class PaiItemModel {
  @Field(() => ID) id: string;
  @Field(() => PaiItemKindEnum) kind: PaiItemKindEnum;
  @Field(() => [PaiFieldModel], { description: 'The record\'s fields in file order.' }) fields: PaiFieldModel[];
}

@ObjectType('PaiItemEdge')
export class PaiItemEdgeModel {
  @Field() cursor: string;
  @Field(() => PaiItemModel) node: PaiItemModel;
}

@ObjectType('PaiItemConnection')
export class PaiItemConnectionModel {
  @Field(() => [PaiItemEdgeModel]) edges: PaiItemEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}
