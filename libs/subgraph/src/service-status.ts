import { Directive, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';

export interface ServiceStatus {
  service: string;
  ready: boolean;
  version: string;
}

const VERSION = process.env.npm_package_version ?? '0.1.0';

/** A `<name>Status` query, so every subgraph answers something real from its first day. */
export function serviceStatusResolver(queryName: string, service: string): Type<unknown> {
  // Declared per call, inside the calling service's module: GraphQL metadata is scoped per
  // service in the embedded process (docs/adr/0004-graphql-federation.md), so a type
  // declared once in this shared library would exist in one service's scope only.
  @ObjectType('ServiceStatus', { description: 'Whether a service of the platform is up, and what it runs.' })
  @Directive('@shareable')
  class ServiceStatusModel implements ServiceStatus {
    @Field() service: string;
    @Field() ready: boolean;
    @Field() version: string;
  }

  @Resolver()
  class ServiceStatusResolver {
    @Query(() => ServiceStatusModel, { name: queryName, description: `Status of the ${service} service.` })
    status(): ServiceStatus {
      return { service, ready: true, version: VERSION };
    }
  }
  return ServiceStatusResolver;
}
