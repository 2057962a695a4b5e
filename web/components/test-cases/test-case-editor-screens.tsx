'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useAuth } from '../../lib/auth-context';
import { errorMessage, formatDateTime } from '../../lib/format';
import { PageHeader } from '../page-header';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { sourceLabel } from './source-labels';
import { TestCaseForm } from './test-case-form';
import { emptyValues, valuesFromTestCase } from './test-case-form-model';

const TestCaseDetailDocument = graphql(`
  query TestCaseDetail($id: ID!) {
    testCase(id: $id) {
      id
      name
      toneOfVoice
      behaviour
      personaFacts {
        name
        value
      }
      successCriteria
      language
      agentCriteria
      type
      intent
      source {
        kind
        ref
      }
      createdAt
      updatedAt
    }
  }
`);

const breadcrumb = <Link href="/test-cases">← Test Cases</Link>;

/** Create Manually: the empty form. Viewers cannot create, so they are told so instead. */
export function NewTestCaseScreen() {
  const { can } = useAuth();
  const [initial] = useState(emptyValues);
  if (!can('editor')) {
    return (
      <>
        <PageHeader title="New Test Case" breadcrumb={breadcrumb} />
        <EmptyState title="Creating test cases needs the editor role">
          <p>Ask an admin of your organisation for editor access.</p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title="New Test Case" description="Describe a customer for the simulation to play, and what success looks like." breadcrumb={breadcrumb} />
      <TestCaseForm mode="create" initial={initial} />
    </>
  );
}

/** Manage Test Case: the form filled in from the stored case; read-only for viewers. */
export function ManageTestCaseScreen() {
  const { id } = useParams<{ id: string }>();
  const { can } = useAuth();
  const readOnly = !can('editor');
  const [{ data, error, fetching }, refetch] = useQuery({ query: TestCaseDetailDocument, variables: { id } });
  const testCase = data?.testCase;

  if (!testCase) {
    return (
      <>
        <PageHeader title={readOnly ? 'Test Case' : 'Manage Test Case'} breadcrumb={breadcrumb} />
        {fetching ? (
          <Loading label="Loading the test case…" />
        ) : error ? (
          <ErrorState message={errorMessage(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <EmptyState title="This test case does not exist (any more)">
            <p>It may have been deleted. Go back to the Test Cases list.</p>
          </EmptyState>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={testCase.name}
        breadcrumb={breadcrumb}
        description={
          <>
            {readOnly ? 'You can view this test case; editing needs the editor role.' : 'Manage Test Case.'} Source: {sourceLabel(testCase.source.kind)}
            {testCase.source.ref ? ` (${testCase.source.ref})` : ''} · last updated {formatDateTime(testCase.updatedAt)}
          </>
        }
      />
      {/* Keyed by the case so the form starts from the stored values once they have loaded. */}
      <TestCaseForm key={testCase.id} mode="edit" testCaseId={testCase.id} initial={valuesFromTestCase(testCase)} readOnly={readOnly} />
    </>
  );
}
