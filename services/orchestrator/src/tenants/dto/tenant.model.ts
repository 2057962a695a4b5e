import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('TenantSettings', { description: "A tenant's limits and feature switch, set by platform admins." })
export class TenantSettingsModel {
  @Field(() => ID) tenantId: string;
  @Field({ description: 'Conversation Simulations is on for the tenant.' }) simulationsEnabled: boolean;
  @Field(() => Int, { description: 'Runs that may be queued or running at once.' }) maxActiveRuns: number;
  @Field(() => Int, { description: 'Test cases one run may hold.' }) maxCasesPerRun: number;
  @Field(() => Int, { description: 'Turn limit of a conversation unless a run overrides it.' }) defaultMaxTurns: number;
  @Field() updatedAt: Date;
}

@ObjectType('Tenant')
@Directive('@key(fields: "id")')
export class TenantModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() createdAt: Date;
}

@InputType('TenantSettingsInput', { description: 'Only the fields given change.' })
export class TenantSettingsInputModel {
  @Field(() => Boolean, { nullable: true }) simulationsEnabled?: boolean | null;
  @Field(() => Int, { nullable: true }) maxActiveRuns?: number | null;
  @Field(() => Int, { nullable: true }) maxCasesPerRun?: number | null;
  @Field(() => Int, { nullable: true }) defaultMaxTurns?: number | null;
}

@InputType('CreateTenantInput')
export class CreateTenantInputModel extends TenantSettingsInputModel {
  @Field(() => ID, { description: 'Lowercase letters, digits, "-" and "_"; used in tokens as the `tenant` claim.' }) id: string;
  @Field() name: string;
}
