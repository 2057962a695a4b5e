import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('Intent', { description: 'Something customers contact support for, with example messages.' })
export class IntentModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => [String]) examples: string[];
}

@InputType('IntentInput')
export class IntentInputModel {
  @Field() name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { nullable: true }) examples?: string[] | null;
}
