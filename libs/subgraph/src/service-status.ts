import { Directive, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';

@ObjectType('ServiceStatus', { description: 'Whether a service of the platform is up, and what it runs.' })
@Directive('@shareable')
export class ServiceStatusModel {
  @Field() service: string;
  @Field() ready: boolean;
  @Field() version: string;
}

const VERSION = process.env.npm_package_version ?? '0.1.0';

/** A `<name>Status` query, so every subgraph answers something real from its first day. */
export function serviceStatusResolver(queryName: string, service: string): Type<unknown> {
  @Resolver()
  class ServiceStatusResolver {
    @Query(() => ServiceStatusModel, { name: queryName, description: `Status of the ${service} service.` })
    status(): ServiceStatusModel {
      return { service, ready: true, version: VERSION };
    }
  }
  return ServiceStatusResolver;
}
