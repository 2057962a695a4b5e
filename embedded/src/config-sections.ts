import type { ConfigDefinition } from '@sim/config';
import { gatewayConfigDefinition } from '@sim/gateway';
import { serviceConfigDefinition } from '@sim/subgraph';
import { embeddedConfigDefinition } from './embedded.config';

/** Every process's configuration, as the README documents it. */
export const configSections: { title: string; definition: ConfigDefinition }[] = [
  { title: 'Embedded default (`npm start`)', definition: embeddedConfigDefinition },
  { title: 'Gateway (also read by `npm start`)', definition: gatewayConfigDefinition },
  { title: 'Each service in distributed mode (`PORT` defaults to 4101-4105)', definition: serviceConfigDefinition(4101) },
];
