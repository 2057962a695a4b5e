'use client';

import { useCallback } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';

const TestCaseFacetsDocument = graphql(`
  query TestCaseFacets {
    testCaseFacets {
      types
      languages
      intents
    }
  }
`);

const NO_FACETS = { types: [] as string[], languages: [] as string[], intents: [] as string[] };

/** The tenant's distinct types, languages and intents: filter menus and the form's suggestions. */
export function useTestCaseFacets() {
  const [{ data, error }, reexecute] = useQuery({ query: TestCaseFacetsDocument });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return { facets: data?.testCaseFacets ?? NO_FACETS, error, refresh };
}
