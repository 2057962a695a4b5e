import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentFormats, type DocumentFormat } from '../entities';

export const DocumentFormatEnum = Object.fromEntries(DocumentFormats.map((f) => [f, f])) as Record<DocumentFormat, DocumentFormat>;
registerEnumType(DocumentFormatEnum, { name: 'DocumentFormat', description: 'How a knowledge document\'s content is written.' });

@ObjectType('KnowledgeDocument')
export class KnowledgeDocumentModel {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field(() => DocumentFormatEnum) format: DocumentFormat;
  @Field(() => Int, { description: 'How many pieces generation reads the document as.' }) chunkCount: number;
  @Field() createdAt: Date;
}

@ObjectType('KnowledgeCollection', { description: 'Help-centre articles and other documents to generate test cases from.' })
export class KnowledgeCollectionModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Int) documentCount: number;
  @Field() createdAt: Date;
  @Field(() => [KnowledgeDocumentModel], { description: 'Oldest first.' }) documents: KnowledgeDocumentModel[];
}
