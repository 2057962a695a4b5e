/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AdminTenants {\n    tenants {\n      id\n      name\n      createdAt\n      settings {\n        tenantId\n        simulationsEnabled\n        maxActiveRuns\n        maxCasesPerRun\n        defaultMaxTurns\n        updatedAt\n      }\n    }\n  }\n": typeof types.AdminTenantsDocument,
    "\n  mutation AdminTenantCreate($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.AdminTenantCreateDocument,
    "\n  mutation AdminTenantSettingsUpdate($tenantId: ID!, $input: TenantSettingsInput!) {\n    updateTenantSettings(tenantId: $tenantId, input: $input) {\n      tenantId\n      simulationsEnabled\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      updatedAt\n    }\n  }\n": typeof types.AdminTenantSettingsUpdateDocument,
    "\n  query RunCase($runId: ID!, $after: String) {\n    testRun(id: $runId) {\n      id\n      cases(first: 1, after: $after) {\n        edges {\n          node {\n            id\n            name\n            status\n            score\n            band\n            error\n            simulatorError\n            attempt\n            testCase {\n              id\n              name\n            }\n            conversation {\n              attempt\n              status\n              endedBy\n              error\n              turns {\n                index\n                role\n                text\n                at\n              }\n            }\n            evaluation {\n              score\n              band\n              summary\n              engine\n              model\n              promptVersion\n              evaluatedAt\n              simulatorError\n              criteria {\n                criterion\n                kind\n                met\n                score\n                reasoning\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.RunCaseDocument,
    "\n  mutation RunRerun($id: ID!) {\n    rerunTestRun(id: $id) {\n      id\n      name\n      status\n    }\n  }\n": typeof types.RunRerunDocument,
    "\n  mutation RunCancel($id: ID!) {\n    cancelTestRun(id: $id) {\n      id\n      status\n      finishedAt\n    }\n  }\n": typeof types.RunCancelDocument,
    "\n  query RunsWidgets {\n    chatWidgets {\n      id\n      name\n    }\n  }\n": typeof types.RunsWidgetsDocument,
    "\n  query RunsList($filter: TestRunFilter, $first: Int, $after: String) {\n    testRuns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          totalCases\n          passedCases\n          scoredCases\n          passRate\n          shareUrl\n          createdAt\n          createdBy\n          widget {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.RunsListDocument,
    "\n  subscription RunsLastRunUpdated {\n    lastRunUpdated {\n      id\n      status\n      passedCases\n      scoredCases\n    }\n  }\n": typeof types.RunsLastRunUpdatedDocument,
    "\n  query RunsTrend($widgetId: ID!, $first: Int!) {\n    testRuns(filter: { widgetIds: [$widgetId] }, first: $first) {\n      edges {\n        node {\n          id\n          name\n          status\n          passRate\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.RunsTrendDocument,
    "\n  fragment RunResultsRun on TestRun {\n    id\n    name\n    status\n    failureReason\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    shareUrl\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n    chatUrl\n    languageOverride\n    maxTurns\n    metadata\n    widget {\n      id\n      name\n      connector\n    }\n    rerunOf {\n      id\n      name\n    }\n    usage {\n      promptTokens\n      completionTokens\n      costUsd\n    }\n    cases(first: $casesFirst) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          position\n          status\n          score\n          band\n          error\n          simulatorError\n          finishedAt\n          testCase {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.RunResultsRunFragmentDoc,
    "\n  query RunResults($id: ID!, $casesFirst: Int!) {\n    testRun(id: $id) {\n      ...RunResultsRun\n    }\n  }\n": typeof types.RunResultsDocument,
    "\n  subscription RunResultsUpdated($id: ID!, $casesFirst: Int!) {\n    testRunUpdated(id: $id) {\n      ...RunResultsRun\n    }\n  }\n": typeof types.RunResultsUpdatedDocument,
    "\n  mutation SourceKnowledgeDocumentAdd($collectionId: ID!, $title: String!, $content: String!, $format: DocumentFormat) {\n    addKnowledgeDocument(collectionId: $collectionId, title: $title, content: $content, format: $format) {\n      id\n      title\n      chunkCount\n    }\n  }\n": typeof types.SourceKnowledgeDocumentAddDocument,
    "\n  query SourceIntents {\n    intents {\n      id\n      name\n      description\n      examples\n    }\n  }\n": typeof types.SourceIntentsDocument,
    "\n  mutation SourceIntentCreate($input: IntentInput!) {\n    createIntent(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.SourceIntentCreateDocument,
    "\n  mutation SourceIntentDelete($id: ID!) {\n    deleteIntent(id: $id)\n  }\n": typeof types.SourceIntentDeleteDocument,
    "\n  query SourceKnowledgeCollections {\n    knowledgeCollections {\n      id\n      name\n      createdAt\n      documentCount\n      documents {\n        id\n        title\n        format\n        chunkCount\n        createdAt\n      }\n    }\n  }\n": typeof types.SourceKnowledgeCollectionsDocument,
    "\n  mutation SourceKnowledgeCollectionCreate($name: String!) {\n    createKnowledgeCollection(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.SourceKnowledgeCollectionCreateDocument,
    "\n  mutation SourceKnowledgeCollectionDelete($id: ID!) {\n    deleteKnowledgeCollection(id: $id)\n  }\n": typeof types.SourceKnowledgeCollectionDeleteDocument,
    "\n  mutation SourceKnowledgeDocumentRemove($id: ID!) {\n    removeKnowledgeDocument(id: $id)\n  }\n": typeof types.SourceKnowledgeDocumentRemoveDocument,
    "\n  query SourcePaiCollections {\n    paiCollections {\n      id\n      name\n      itemCount\n      createdAt\n    }\n  }\n": typeof types.SourcePaiCollectionsDocument,
    "\n  query SourcePaiItems($collectionId: ID!, $first: Int, $after: String) {\n    paiItems(collectionId: $collectionId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          fields {\n            name\n            value\n          }\n        }\n      }\n    }\n  }\n": typeof types.SourcePaiItemsDocument,
    "\n  mutation SourcePaiCollectionCreate($name: String!) {\n    createPaiCollection(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.SourcePaiCollectionCreateDocument,
    "\n  mutation SourcePaiCollectionDelete($id: ID!) {\n    deletePaiCollection(id: $id)\n  }\n": typeof types.SourcePaiCollectionDeleteDocument,
    "\n  mutation SourcePaiImport($collectionId: ID!, $format: ExportFormat!, $content: String!) {\n    importPaiItems(collectionId: $collectionId, format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n": typeof types.SourcePaiImportDocument,
    "\n  query SourceTicketFacets {\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n": typeof types.SourceTicketFacetsDocument,
    "\n  query SourceTickets($filter: TicketFilter, $first: Int, $after: String) {\n    tickets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          channel\n          createdAt\n          importedAt\n          intent\n          csat\n          tags\n          resolution\n          turns {\n            role\n            text\n          }\n        }\n      }\n    }\n  }\n": typeof types.SourceTicketsDocument,
    "\n  mutation SourceTicketImport($format: ExportFormat!, $content: String!) {\n    importTickets(format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n": typeof types.SourceTicketImportDocument,
    "\n  query GenerateSources {\n    knowledgeCollections {\n      id\n      name\n      documentCount\n    }\n    paiCollections {\n      id\n      name\n      itemCount\n    }\n    intents {\n      id\n      name\n      description\n    }\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n": typeof types.GenerateSourcesDocument,
    "\n  mutation GenerateStart($input: GenerateTestCasesInput!) {\n    generateTestCases(input: $input) {\n      ...GenerateJobFields\n    }\n  }\n": typeof types.GenerateStartDocument,
    "\n  fragment GenerateJobFields on GenerationJob {\n    id\n    status\n    requested\n    created\n    error\n    testCases {\n      id\n      name\n    }\n  }\n": typeof types.GenerateJobFieldsFragmentDoc,
    "\n  query GenerateJob($id: ID!) {\n    generationJob(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n": typeof types.GenerateJobDocument,
    "\n  subscription GenerateJobUpdated($id: ID!) {\n    generationJobUpdated(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n": typeof types.GenerateJobUpdatedDocument,
    "\n  fragment LastRunFields on TestRun {\n    id\n    name\n    status\n    createdAt\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    failureReason\n  }\n": typeof types.LastRunFieldsFragmentDoc,
    "\n  query LastRun {\n    lastRun {\n      ...LastRunFields\n    }\n  }\n": typeof types.LastRunDocument,
    "\n  subscription LastRunUpdated {\n    lastRunUpdated {\n      ...LastRunFields\n    }\n  }\n": typeof types.LastRunUpdatedDocument,
    "\n  query LastRunActiveRuns {\n    testRuns(filter: { statuses: [QUEUED, RUNNING] }, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.LastRunActiveRunsDocument,
    "\n  query RunDrawerWidgets {\n    chatWidgets {\n      id\n      name\n      connector\n    }\n  }\n": typeof types.RunDrawerWidgetsDocument,
    "\n  query RunDrawerCaseSearch($search: String!) {\n    testCases(filter: { search: $search }, first: 8) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n": typeof types.RunDrawerCaseSearchDocument,
    "\n  mutation RunDrawerStartRun($input: StartTestRunInput!) {\n    startTestRun(input: $input) {\n      ...LastRunFields\n    }\n  }\n": typeof types.RunDrawerStartRunDocument,
    "\n  query TestCaseDetail($id: ID!) {\n    testCase(id: $id) {\n      id\n      name\n      toneOfVoice\n      behaviour\n      personaFacts {\n        name\n        value\n      }\n      successCriteria\n      language\n      agentCriteria\n      type\n      intent\n      source {\n        kind\n        ref\n      }\n      createdAt\n      updatedAt\n    }\n  }\n": typeof types.TestCaseDetailDocument,
    "\n  query TestCaseFacets {\n    testCaseFacets {\n      types\n      languages\n      intents\n    }\n  }\n": typeof types.TestCaseFacetsDocument,
    "\n  mutation TestCaseCreate($input: TestCaseInput!) {\n    createTestCase(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.TestCaseCreateDocument,
    "\n  mutation TestCaseUpdate($id: ID!, $input: TestCaseInput!) {\n    updateTestCase(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n": typeof types.TestCaseUpdateDocument,
    "\n  query TestCaseList($filter: TestCaseFilter, $first: Int, $after: String) {\n    testCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          type\n          intent\n          language\n          source {\n            kind\n            ref\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.TestCaseListDocument,
    "\n  mutation TestCaseDuplicate($id: ID!) {\n    duplicateTestCase(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.TestCaseDuplicateDocument,
    "\n  mutation TestCaseDelete($id: ID!) {\n    deleteTestCase(id: $id)\n  }\n": typeof types.TestCaseDeleteDocument,
    "\n  query WidgetList {\n    chatWidgets {\n      id\n      name\n      connector\n      url\n      model\n      systemPrompt\n      timeoutMs\n      hasApiKey\n      hasSigningSecret\n      createdAt\n      updatedAt\n    }\n  }\n": typeof types.WidgetListDocument,
    "\n  mutation WidgetDelete($id: ID!) {\n    deleteChatWidget(id: $id)\n  }\n": typeof types.WidgetDeleteDocument,
    "\n  mutation WidgetCreate($input: ChatWidgetInput!) {\n    createChatWidget(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.WidgetCreateDocument,
    "\n  mutation WidgetUpdate($id: ID!, $input: ChatWidgetInput!) {\n    updateChatWidget(id: $id, input: $input) {\n      id\n      name\n      hasApiKey\n      hasSigningSecret\n    }\n  }\n": typeof types.WidgetUpdateDocument,
    "\n  mutation WidgetTest($id: ID!, $message: String!) {\n    testChatWidget(id: $id, message: $message) {\n      ok\n      replies\n      error\n      latencyMs\n    }\n  }\n": typeof types.WidgetTestDocument,
    "\n  query TenantSettings {\n    tenantSettings {\n      tenantId\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      simulationsEnabled\n    }\n  }\n": typeof types.TenantSettingsDocument,
};
const documents: Documents = {
    "\n  query AdminTenants {\n    tenants {\n      id\n      name\n      createdAt\n      settings {\n        tenantId\n        simulationsEnabled\n        maxActiveRuns\n        maxCasesPerRun\n        defaultMaxTurns\n        updatedAt\n      }\n    }\n  }\n": types.AdminTenantsDocument,
    "\n  mutation AdminTenantCreate($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      id\n      name\n    }\n  }\n": types.AdminTenantCreateDocument,
    "\n  mutation AdminTenantSettingsUpdate($tenantId: ID!, $input: TenantSettingsInput!) {\n    updateTenantSettings(tenantId: $tenantId, input: $input) {\n      tenantId\n      simulationsEnabled\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      updatedAt\n    }\n  }\n": types.AdminTenantSettingsUpdateDocument,
    "\n  query RunCase($runId: ID!, $after: String) {\n    testRun(id: $runId) {\n      id\n      cases(first: 1, after: $after) {\n        edges {\n          node {\n            id\n            name\n            status\n            score\n            band\n            error\n            simulatorError\n            attempt\n            testCase {\n              id\n              name\n            }\n            conversation {\n              attempt\n              status\n              endedBy\n              error\n              turns {\n                index\n                role\n                text\n                at\n              }\n            }\n            evaluation {\n              score\n              band\n              summary\n              engine\n              model\n              promptVersion\n              evaluatedAt\n              simulatorError\n              criteria {\n                criterion\n                kind\n                met\n                score\n                reasoning\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.RunCaseDocument,
    "\n  mutation RunRerun($id: ID!) {\n    rerunTestRun(id: $id) {\n      id\n      name\n      status\n    }\n  }\n": types.RunRerunDocument,
    "\n  mutation RunCancel($id: ID!) {\n    cancelTestRun(id: $id) {\n      id\n      status\n      finishedAt\n    }\n  }\n": types.RunCancelDocument,
    "\n  query RunsWidgets {\n    chatWidgets {\n      id\n      name\n    }\n  }\n": types.RunsWidgetsDocument,
    "\n  query RunsList($filter: TestRunFilter, $first: Int, $after: String) {\n    testRuns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          totalCases\n          passedCases\n          scoredCases\n          passRate\n          shareUrl\n          createdAt\n          createdBy\n          widget {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.RunsListDocument,
    "\n  subscription RunsLastRunUpdated {\n    lastRunUpdated {\n      id\n      status\n      passedCases\n      scoredCases\n    }\n  }\n": types.RunsLastRunUpdatedDocument,
    "\n  query RunsTrend($widgetId: ID!, $first: Int!) {\n    testRuns(filter: { widgetIds: [$widgetId] }, first: $first) {\n      edges {\n        node {\n          id\n          name\n          status\n          passRate\n          createdAt\n        }\n      }\n    }\n  }\n": types.RunsTrendDocument,
    "\n  fragment RunResultsRun on TestRun {\n    id\n    name\n    status\n    failureReason\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    shareUrl\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n    chatUrl\n    languageOverride\n    maxTurns\n    metadata\n    widget {\n      id\n      name\n      connector\n    }\n    rerunOf {\n      id\n      name\n    }\n    usage {\n      promptTokens\n      completionTokens\n      costUsd\n    }\n    cases(first: $casesFirst) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          position\n          status\n          score\n          band\n          error\n          simulatorError\n          finishedAt\n          testCase {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.RunResultsRunFragmentDoc,
    "\n  query RunResults($id: ID!, $casesFirst: Int!) {\n    testRun(id: $id) {\n      ...RunResultsRun\n    }\n  }\n": types.RunResultsDocument,
    "\n  subscription RunResultsUpdated($id: ID!, $casesFirst: Int!) {\n    testRunUpdated(id: $id) {\n      ...RunResultsRun\n    }\n  }\n": types.RunResultsUpdatedDocument,
    "\n  mutation SourceKnowledgeDocumentAdd($collectionId: ID!, $title: String!, $content: String!, $format: DocumentFormat) {\n    addKnowledgeDocument(collectionId: $collectionId, title: $title, content: $content, format: $format) {\n      id\n      title\n      chunkCount\n    }\n  }\n": types.SourceKnowledgeDocumentAddDocument,
    "\n  query SourceIntents {\n    intents {\n      id\n      name\n      description\n      examples\n    }\n  }\n": types.SourceIntentsDocument,
    "\n  mutation SourceIntentCreate($input: IntentInput!) {\n    createIntent(input: $input) {\n      id\n      name\n    }\n  }\n": types.SourceIntentCreateDocument,
    "\n  mutation SourceIntentDelete($id: ID!) {\n    deleteIntent(id: $id)\n  }\n": types.SourceIntentDeleteDocument,
    "\n  query SourceKnowledgeCollections {\n    knowledgeCollections {\n      id\n      name\n      createdAt\n      documentCount\n      documents {\n        id\n        title\n        format\n        chunkCount\n        createdAt\n      }\n    }\n  }\n": types.SourceKnowledgeCollectionsDocument,
    "\n  mutation SourceKnowledgeCollectionCreate($name: String!) {\n    createKnowledgeCollection(name: $name) {\n      id\n      name\n    }\n  }\n": types.SourceKnowledgeCollectionCreateDocument,
    "\n  mutation SourceKnowledgeCollectionDelete($id: ID!) {\n    deleteKnowledgeCollection(id: $id)\n  }\n": types.SourceKnowledgeCollectionDeleteDocument,
    "\n  mutation SourceKnowledgeDocumentRemove($id: ID!) {\n    removeKnowledgeDocument(id: $id)\n  }\n": types.SourceKnowledgeDocumentRemoveDocument,
    "\n  query SourcePaiCollections {\n    paiCollections {\n      id\n      name\n      itemCount\n      createdAt\n    }\n  }\n": types.SourcePaiCollectionsDocument,
    "\n  query SourcePaiItems($collectionId: ID!, $first: Int, $after: String) {\n    paiItems(collectionId: $collectionId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          fields {\n            name\n            value\n          }\n        }\n      }\n    }\n  }\n": types.SourcePaiItemsDocument,
    "\n  mutation SourcePaiCollectionCreate($name: String!) {\n    createPaiCollection(name: $name) {\n      id\n      name\n    }\n  }\n": types.SourcePaiCollectionCreateDocument,
    "\n  mutation SourcePaiCollectionDelete($id: ID!) {\n    deletePaiCollection(id: $id)\n  }\n": types.SourcePaiCollectionDeleteDocument,
    "\n  mutation SourcePaiImport($collectionId: ID!, $format: ExportFormat!, $content: String!) {\n    importPaiItems(collectionId: $collectionId, format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n": types.SourcePaiImportDocument,
    "\n  query SourceTicketFacets {\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n": types.SourceTicketFacetsDocument,
    "\n  query SourceTickets($filter: TicketFilter, $first: Int, $after: String) {\n    tickets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          channel\n          createdAt\n          importedAt\n          intent\n          csat\n          tags\n          resolution\n          turns {\n            role\n            text\n          }\n        }\n      }\n    }\n  }\n": types.SourceTicketsDocument,
    "\n  mutation SourceTicketImport($format: ExportFormat!, $content: String!) {\n    importTickets(format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n": types.SourceTicketImportDocument,
    "\n  query GenerateSources {\n    knowledgeCollections {\n      id\n      name\n      documentCount\n    }\n    paiCollections {\n      id\n      name\n      itemCount\n    }\n    intents {\n      id\n      name\n      description\n    }\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n": types.GenerateSourcesDocument,
    "\n  mutation GenerateStart($input: GenerateTestCasesInput!) {\n    generateTestCases(input: $input) {\n      ...GenerateJobFields\n    }\n  }\n": types.GenerateStartDocument,
    "\n  fragment GenerateJobFields on GenerationJob {\n    id\n    status\n    requested\n    created\n    error\n    testCases {\n      id\n      name\n    }\n  }\n": types.GenerateJobFieldsFragmentDoc,
    "\n  query GenerateJob($id: ID!) {\n    generationJob(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n": types.GenerateJobDocument,
    "\n  subscription GenerateJobUpdated($id: ID!) {\n    generationJobUpdated(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n": types.GenerateJobUpdatedDocument,
    "\n  fragment LastRunFields on TestRun {\n    id\n    name\n    status\n    createdAt\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    failureReason\n  }\n": types.LastRunFieldsFragmentDoc,
    "\n  query LastRun {\n    lastRun {\n      ...LastRunFields\n    }\n  }\n": types.LastRunDocument,
    "\n  subscription LastRunUpdated {\n    lastRunUpdated {\n      ...LastRunFields\n    }\n  }\n": types.LastRunUpdatedDocument,
    "\n  query LastRunActiveRuns {\n    testRuns(filter: { statuses: [QUEUED, RUNNING] }, first: 1) {\n      totalCount\n    }\n  }\n": types.LastRunActiveRunsDocument,
    "\n  query RunDrawerWidgets {\n    chatWidgets {\n      id\n      name\n      connector\n    }\n  }\n": types.RunDrawerWidgetsDocument,
    "\n  query RunDrawerCaseSearch($search: String!) {\n    testCases(filter: { search: $search }, first: 8) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n": types.RunDrawerCaseSearchDocument,
    "\n  mutation RunDrawerStartRun($input: StartTestRunInput!) {\n    startTestRun(input: $input) {\n      ...LastRunFields\n    }\n  }\n": types.RunDrawerStartRunDocument,
    "\n  query TestCaseDetail($id: ID!) {\n    testCase(id: $id) {\n      id\n      name\n      toneOfVoice\n      behaviour\n      personaFacts {\n        name\n        value\n      }\n      successCriteria\n      language\n      agentCriteria\n      type\n      intent\n      source {\n        kind\n        ref\n      }\n      createdAt\n      updatedAt\n    }\n  }\n": types.TestCaseDetailDocument,
    "\n  query TestCaseFacets {\n    testCaseFacets {\n      types\n      languages\n      intents\n    }\n  }\n": types.TestCaseFacetsDocument,
    "\n  mutation TestCaseCreate($input: TestCaseInput!) {\n    createTestCase(input: $input) {\n      id\n      name\n    }\n  }\n": types.TestCaseCreateDocument,
    "\n  mutation TestCaseUpdate($id: ID!, $input: TestCaseInput!) {\n    updateTestCase(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n": types.TestCaseUpdateDocument,
    "\n  query TestCaseList($filter: TestCaseFilter, $first: Int, $after: String) {\n    testCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          type\n          intent\n          language\n          source {\n            kind\n            ref\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n": types.TestCaseListDocument,
    "\n  mutation TestCaseDuplicate($id: ID!) {\n    duplicateTestCase(id: $id) {\n      id\n      name\n    }\n  }\n": types.TestCaseDuplicateDocument,
    "\n  mutation TestCaseDelete($id: ID!) {\n    deleteTestCase(id: $id)\n  }\n": types.TestCaseDeleteDocument,
    "\n  query WidgetList {\n    chatWidgets {\n      id\n      name\n      connector\n      url\n      model\n      systemPrompt\n      timeoutMs\n      hasApiKey\n      hasSigningSecret\n      createdAt\n      updatedAt\n    }\n  }\n": types.WidgetListDocument,
    "\n  mutation WidgetDelete($id: ID!) {\n    deleteChatWidget(id: $id)\n  }\n": types.WidgetDeleteDocument,
    "\n  mutation WidgetCreate($input: ChatWidgetInput!) {\n    createChatWidget(input: $input) {\n      id\n      name\n    }\n  }\n": types.WidgetCreateDocument,
    "\n  mutation WidgetUpdate($id: ID!, $input: ChatWidgetInput!) {\n    updateChatWidget(id: $id, input: $input) {\n      id\n      name\n      hasApiKey\n      hasSigningSecret\n    }\n  }\n": types.WidgetUpdateDocument,
    "\n  mutation WidgetTest($id: ID!, $message: String!) {\n    testChatWidget(id: $id, message: $message) {\n      ok\n      replies\n      error\n      latencyMs\n    }\n  }\n": types.WidgetTestDocument,
    "\n  query TenantSettings {\n    tenantSettings {\n      tenantId\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      simulationsEnabled\n    }\n  }\n": types.TenantSettingsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTenants {\n    tenants {\n      id\n      name\n      createdAt\n      settings {\n        tenantId\n        simulationsEnabled\n        maxActiveRuns\n        maxCasesPerRun\n        defaultMaxTurns\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminTenants {\n    tenants {\n      id\n      name\n      createdAt\n      settings {\n        tenantId\n        simulationsEnabled\n        maxActiveRuns\n        maxCasesPerRun\n        defaultMaxTurns\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminTenantCreate($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation AdminTenantCreate($input: CreateTenantInput!) {\n    createTenant(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminTenantSettingsUpdate($tenantId: ID!, $input: TenantSettingsInput!) {\n    updateTenantSettings(tenantId: $tenantId, input: $input) {\n      tenantId\n      simulationsEnabled\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AdminTenantSettingsUpdate($tenantId: ID!, $input: TenantSettingsInput!) {\n    updateTenantSettings(tenantId: $tenantId, input: $input) {\n      tenantId\n      simulationsEnabled\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunCase($runId: ID!, $after: String) {\n    testRun(id: $runId) {\n      id\n      cases(first: 1, after: $after) {\n        edges {\n          node {\n            id\n            name\n            status\n            score\n            band\n            error\n            simulatorError\n            attempt\n            testCase {\n              id\n              name\n            }\n            conversation {\n              attempt\n              status\n              endedBy\n              error\n              turns {\n                index\n                role\n                text\n                at\n              }\n            }\n            evaluation {\n              score\n              band\n              summary\n              engine\n              model\n              promptVersion\n              evaluatedAt\n              simulatorError\n              criteria {\n                criterion\n                kind\n                met\n                score\n                reasoning\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunCase($runId: ID!, $after: String) {\n    testRun(id: $runId) {\n      id\n      cases(first: 1, after: $after) {\n        edges {\n          node {\n            id\n            name\n            status\n            score\n            band\n            error\n            simulatorError\n            attempt\n            testCase {\n              id\n              name\n            }\n            conversation {\n              attempt\n              status\n              endedBy\n              error\n              turns {\n                index\n                role\n                text\n                at\n              }\n            }\n            evaluation {\n              score\n              band\n              summary\n              engine\n              model\n              promptVersion\n              evaluatedAt\n              simulatorError\n              criteria {\n                criterion\n                kind\n                met\n                score\n                reasoning\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunRerun($id: ID!) {\n    rerunTestRun(id: $id) {\n      id\n      name\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RunRerun($id: ID!) {\n    rerunTestRun(id: $id) {\n      id\n      name\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunCancel($id: ID!) {\n    cancelTestRun(id: $id) {\n      id\n      status\n      finishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RunCancel($id: ID!) {\n    cancelTestRun(id: $id) {\n      id\n      status\n      finishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsWidgets {\n    chatWidgets {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query RunsWidgets {\n    chatWidgets {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsList($filter: TestRunFilter, $first: Int, $after: String) {\n    testRuns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          totalCases\n          passedCases\n          scoredCases\n          passRate\n          shareUrl\n          createdAt\n          createdBy\n          widget {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunsList($filter: TestRunFilter, $first: Int, $after: String) {\n    testRuns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          totalCases\n          passedCases\n          scoredCases\n          passRate\n          shareUrl\n          createdAt\n          createdBy\n          widget {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunsLastRunUpdated {\n    lastRunUpdated {\n      id\n      status\n      passedCases\n      scoredCases\n    }\n  }\n"): (typeof documents)["\n  subscription RunsLastRunUpdated {\n    lastRunUpdated {\n      id\n      status\n      passedCases\n      scoredCases\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsTrend($widgetId: ID!, $first: Int!) {\n    testRuns(filter: { widgetIds: [$widgetId] }, first: $first) {\n      edges {\n        node {\n          id\n          name\n          status\n          passRate\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunsTrend($widgetId: ID!, $first: Int!) {\n    testRuns(filter: { widgetIds: [$widgetId] }, first: $first) {\n      edges {\n        node {\n          id\n          name\n          status\n          passRate\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunResultsRun on TestRun {\n    id\n    name\n    status\n    failureReason\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    shareUrl\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n    chatUrl\n    languageOverride\n    maxTurns\n    metadata\n    widget {\n      id\n      name\n      connector\n    }\n    rerunOf {\n      id\n      name\n    }\n    usage {\n      promptTokens\n      completionTokens\n      costUsd\n    }\n    cases(first: $casesFirst) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          position\n          status\n          score\n          band\n          error\n          simulatorError\n          finishedAt\n          testCase {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RunResultsRun on TestRun {\n    id\n    name\n    status\n    failureReason\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    shareUrl\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n    chatUrl\n    languageOverride\n    maxTurns\n    metadata\n    widget {\n      id\n      name\n      connector\n    }\n    rerunOf {\n      id\n      name\n    }\n    usage {\n      promptTokens\n      completionTokens\n      costUsd\n    }\n    cases(first: $casesFirst) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          position\n          status\n          score\n          band\n          error\n          simulatorError\n          finishedAt\n          testCase {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunResults($id: ID!, $casesFirst: Int!) {\n    testRun(id: $id) {\n      ...RunResultsRun\n    }\n  }\n"): (typeof documents)["\n  query RunResults($id: ID!, $casesFirst: Int!) {\n    testRun(id: $id) {\n      ...RunResultsRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunResultsUpdated($id: ID!, $casesFirst: Int!) {\n    testRunUpdated(id: $id) {\n      ...RunResultsRun\n    }\n  }\n"): (typeof documents)["\n  subscription RunResultsUpdated($id: ID!, $casesFirst: Int!) {\n    testRunUpdated(id: $id) {\n      ...RunResultsRun\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceKnowledgeDocumentAdd($collectionId: ID!, $title: String!, $content: String!, $format: DocumentFormat) {\n    addKnowledgeDocument(collectionId: $collectionId, title: $title, content: $content, format: $format) {\n      id\n      title\n      chunkCount\n    }\n  }\n"): (typeof documents)["\n  mutation SourceKnowledgeDocumentAdd($collectionId: ID!, $title: String!, $content: String!, $format: DocumentFormat) {\n    addKnowledgeDocument(collectionId: $collectionId, title: $title, content: $content, format: $format) {\n      id\n      title\n      chunkCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourceIntents {\n    intents {\n      id\n      name\n      description\n      examples\n    }\n  }\n"): (typeof documents)["\n  query SourceIntents {\n    intents {\n      id\n      name\n      description\n      examples\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceIntentCreate($input: IntentInput!) {\n    createIntent(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation SourceIntentCreate($input: IntentInput!) {\n    createIntent(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceIntentDelete($id: ID!) {\n    deleteIntent(id: $id)\n  }\n"): (typeof documents)["\n  mutation SourceIntentDelete($id: ID!) {\n    deleteIntent(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourceKnowledgeCollections {\n    knowledgeCollections {\n      id\n      name\n      createdAt\n      documentCount\n      documents {\n        id\n        title\n        format\n        chunkCount\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query SourceKnowledgeCollections {\n    knowledgeCollections {\n      id\n      name\n      createdAt\n      documentCount\n      documents {\n        id\n        title\n        format\n        chunkCount\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceKnowledgeCollectionCreate($name: String!) {\n    createKnowledgeCollection(name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation SourceKnowledgeCollectionCreate($name: String!) {\n    createKnowledgeCollection(name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceKnowledgeCollectionDelete($id: ID!) {\n    deleteKnowledgeCollection(id: $id)\n  }\n"): (typeof documents)["\n  mutation SourceKnowledgeCollectionDelete($id: ID!) {\n    deleteKnowledgeCollection(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceKnowledgeDocumentRemove($id: ID!) {\n    removeKnowledgeDocument(id: $id)\n  }\n"): (typeof documents)["\n  mutation SourceKnowledgeDocumentRemove($id: ID!) {\n    removeKnowledgeDocument(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourcePaiCollections {\n    paiCollections {\n      id\n      name\n      itemCount\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query SourcePaiCollections {\n    paiCollections {\n      id\n      name\n      itemCount\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourcePaiItems($collectionId: ID!, $first: Int, $after: String) {\n    paiItems(collectionId: $collectionId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          fields {\n            name\n            value\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SourcePaiItems($collectionId: ID!, $first: Int, $after: String) {\n    paiItems(collectionId: $collectionId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          kind\n          fields {\n            name\n            value\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourcePaiCollectionCreate($name: String!) {\n    createPaiCollection(name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation SourcePaiCollectionCreate($name: String!) {\n    createPaiCollection(name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourcePaiCollectionDelete($id: ID!) {\n    deletePaiCollection(id: $id)\n  }\n"): (typeof documents)["\n  mutation SourcePaiCollectionDelete($id: ID!) {\n    deletePaiCollection(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourcePaiImport($collectionId: ID!, $format: ExportFormat!, $content: String!) {\n    importPaiItems(collectionId: $collectionId, format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SourcePaiImport($collectionId: ID!, $format: ExportFormat!, $content: String!) {\n    importPaiItems(collectionId: $collectionId, format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourceTicketFacets {\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n"): (typeof documents)["\n  query SourceTicketFacets {\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SourceTickets($filter: TicketFilter, $first: Int, $after: String) {\n    tickets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          channel\n          createdAt\n          importedAt\n          intent\n          csat\n          tags\n          resolution\n          turns {\n            role\n            text\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SourceTickets($filter: TicketFilter, $first: Int, $after: String) {\n    tickets(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalId\n          channel\n          createdAt\n          importedAt\n          intent\n          csat\n          tags\n          resolution\n          turns {\n            role\n            text\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SourceTicketImport($format: ExportFormat!, $content: String!) {\n    importTickets(format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SourceTicketImport($format: ExportFormat!, $content: String!) {\n    importTickets(format: $format, content: $content) {\n      imported\n      errors {\n        row\n        line\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GenerateSources {\n    knowledgeCollections {\n      id\n      name\n      documentCount\n    }\n    paiCollections {\n      id\n      name\n      itemCount\n    }\n    intents {\n      id\n      name\n      description\n    }\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n"): (typeof documents)["\n  query GenerateSources {\n    knowledgeCollections {\n      id\n      name\n      documentCount\n    }\n    paiCollections {\n      id\n      name\n      itemCount\n    }\n    intents {\n      id\n      name\n      description\n    }\n    ticketFacets {\n      channels\n      tags\n      intents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateStart($input: GenerateTestCasesInput!) {\n    generateTestCases(input: $input) {\n      ...GenerateJobFields\n    }\n  }\n"): (typeof documents)["\n  mutation GenerateStart($input: GenerateTestCasesInput!) {\n    generateTestCases(input: $input) {\n      ...GenerateJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GenerateJobFields on GenerationJob {\n    id\n    status\n    requested\n    created\n    error\n    testCases {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment GenerateJobFields on GenerationJob {\n    id\n    status\n    requested\n    created\n    error\n    testCases {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GenerateJob($id: ID!) {\n    generationJob(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n"): (typeof documents)["\n  query GenerateJob($id: ID!) {\n    generationJob(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GenerateJobUpdated($id: ID!) {\n    generationJobUpdated(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n"): (typeof documents)["\n  subscription GenerateJobUpdated($id: ID!) {\n    generationJobUpdated(id: $id) {\n      ...GenerateJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LastRunFields on TestRun {\n    id\n    name\n    status\n    createdAt\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    failureReason\n  }\n"): (typeof documents)["\n  fragment LastRunFields on TestRun {\n    id\n    name\n    status\n    createdAt\n    totalCases\n    passedCases\n    scoredCases\n    erroredCases\n    passRate\n    failureReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LastRun {\n    lastRun {\n      ...LastRunFields\n    }\n  }\n"): (typeof documents)["\n  query LastRun {\n    lastRun {\n      ...LastRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LastRunUpdated {\n    lastRunUpdated {\n      ...LastRunFields\n    }\n  }\n"): (typeof documents)["\n  subscription LastRunUpdated {\n    lastRunUpdated {\n      ...LastRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LastRunActiveRuns {\n    testRuns(filter: { statuses: [QUEUED, RUNNING] }, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query LastRunActiveRuns {\n    testRuns(filter: { statuses: [QUEUED, RUNNING] }, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunDrawerWidgets {\n    chatWidgets {\n      id\n      name\n      connector\n    }\n  }\n"): (typeof documents)["\n  query RunDrawerWidgets {\n    chatWidgets {\n      id\n      name\n      connector\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunDrawerCaseSearch($search: String!) {\n    testCases(filter: { search: $search }, first: 8) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunDrawerCaseSearch($search: String!) {\n    testCases(filter: { search: $search }, first: 8) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunDrawerStartRun($input: StartTestRunInput!) {\n    startTestRun(input: $input) {\n      ...LastRunFields\n    }\n  }\n"): (typeof documents)["\n  mutation RunDrawerStartRun($input: StartTestRunInput!) {\n    startTestRun(input: $input) {\n      ...LastRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestCaseDetail($id: ID!) {\n    testCase(id: $id) {\n      id\n      name\n      toneOfVoice\n      behaviour\n      personaFacts {\n        name\n        value\n      }\n      successCriteria\n      language\n      agentCriteria\n      type\n      intent\n      source {\n        kind\n        ref\n      }\n      createdAt\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query TestCaseDetail($id: ID!) {\n    testCase(id: $id) {\n      id\n      name\n      toneOfVoice\n      behaviour\n      personaFacts {\n        name\n        value\n      }\n      successCriteria\n      language\n      agentCriteria\n      type\n      intent\n      source {\n        kind\n        ref\n      }\n      createdAt\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestCaseFacets {\n    testCaseFacets {\n      types\n      languages\n      intents\n    }\n  }\n"): (typeof documents)["\n  query TestCaseFacets {\n    testCaseFacets {\n      types\n      languages\n      intents\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCaseCreate($input: TestCaseInput!) {\n    createTestCase(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation TestCaseCreate($input: TestCaseInput!) {\n    createTestCase(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCaseUpdate($id: ID!, $input: TestCaseInput!) {\n    updateTestCase(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation TestCaseUpdate($id: ID!, $input: TestCaseInput!) {\n    updateTestCase(id: $id, input: $input) {\n      id\n      name\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestCaseList($filter: TestCaseFilter, $first: Int, $after: String) {\n    testCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          type\n          intent\n          language\n          source {\n            kind\n            ref\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TestCaseList($filter: TestCaseFilter, $first: Int, $after: String) {\n    testCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          type\n          intent\n          language\n          source {\n            kind\n            ref\n          }\n          updatedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCaseDuplicate($id: ID!) {\n    duplicateTestCase(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation TestCaseDuplicate($id: ID!) {\n    duplicateTestCase(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCaseDelete($id: ID!) {\n    deleteTestCase(id: $id)\n  }\n"): (typeof documents)["\n  mutation TestCaseDelete($id: ID!) {\n    deleteTestCase(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WidgetList {\n    chatWidgets {\n      id\n      name\n      connector\n      url\n      model\n      systemPrompt\n      timeoutMs\n      hasApiKey\n      hasSigningSecret\n      createdAt\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query WidgetList {\n    chatWidgets {\n      id\n      name\n      connector\n      url\n      model\n      systemPrompt\n      timeoutMs\n      hasApiKey\n      hasSigningSecret\n      createdAt\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WidgetDelete($id: ID!) {\n    deleteChatWidget(id: $id)\n  }\n"): (typeof documents)["\n  mutation WidgetDelete($id: ID!) {\n    deleteChatWidget(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WidgetCreate($input: ChatWidgetInput!) {\n    createChatWidget(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation WidgetCreate($input: ChatWidgetInput!) {\n    createChatWidget(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WidgetUpdate($id: ID!, $input: ChatWidgetInput!) {\n    updateChatWidget(id: $id, input: $input) {\n      id\n      name\n      hasApiKey\n      hasSigningSecret\n    }\n  }\n"): (typeof documents)["\n  mutation WidgetUpdate($id: ID!, $input: ChatWidgetInput!) {\n    updateChatWidget(id: $id, input: $input) {\n      id\n      name\n      hasApiKey\n      hasSigningSecret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WidgetTest($id: ID!, $message: String!) {\n    testChatWidget(id: $id, message: $message) {\n      ok\n      replies\n      error\n      latencyMs\n    }\n  }\n"): (typeof documents)["\n  mutation WidgetTest($id: ID!, $message: String!) {\n    testChatWidget(id: $id, message: $message) {\n      ok\n      replies\n      error\n      latencyMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantSettings {\n    tenantSettings {\n      tenantId\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      simulationsEnabled\n    }\n  }\n"): (typeof documents)["\n  query TenantSettings {\n    tenantSettings {\n      tenantId\n      maxActiveRuns\n      maxCasesPerRun\n      defaultMaxTurns\n      simulationsEnabled\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;