'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SourceKnowledgeCollectionsQuery } from '../../gql/graphql';
import { useAuth } from '../../lib/auth-context';
import { errorMessage, formatDateTime } from '../../lib/format';
import { ConfirmDialog } from '../ui/dialog';
import { RowMenu } from '../ui/row-menu';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { AddDocumentDialog, DOCUMENT_FORMAT_LABELS } from './add-document-dialog';
import { NameDialog } from './name-dialog';
import { useSelectedCollection } from './use-selected';

const SourceKnowledgeCollectionsDocument = graphql(`
  query SourceKnowledgeCollections {
    knowledgeCollections {
      id
      name
      createdAt
      documentCount
      documents {
        id
        title
        format
        chunkCount
        createdAt
      }
    }
  }
`);

const SourceKnowledgeCollectionCreateDocument = graphql(`
  mutation SourceKnowledgeCollectionCreate($name: String!) {
    createKnowledgeCollection(name: $name) {
      id
      name
    }
  }
`);

const SourceKnowledgeCollectionDeleteDocument = graphql(`
  mutation SourceKnowledgeCollectionDelete($id: ID!) {
    deleteKnowledgeCollection(id: $id)
  }
`);

const SourceKnowledgeDocumentRemoveDocument = graphql(`
  mutation SourceKnowledgeDocumentRemove($id: ID!) {
    removeKnowledgeDocument(id: $id)
  }
`);

type Collection = SourceKnowledgeCollectionsQuery['knowledgeCollections'][number];
type KnowledgeDocument = Collection['documents'][number];
type Open =
  | { kind: 'create' }
  | { kind: 'add-document'; collection: Collection }
  | { kind: 'delete-collection'; collection: Collection }
  | { kind: 'remove-document'; document: KnowledgeDocument }
  | null;

/** Knowledge: collections of help-centre articles, and the documents in the open one. */
export function KnowledgeTab() {
  const { can } = useAuth();
  const canEdit = can('editor');
  const notify = useToast();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SourceKnowledgeCollectionsDocument });
  const [, createCollection] = useMutation(SourceKnowledgeCollectionCreateDocument);
  const [deletingCollection, deleteCollection] = useMutation(SourceKnowledgeCollectionDeleteDocument);
  const [removingDocument, removeDocument] = useMutation(SourceKnowledgeDocumentRemoveDocument);
  const [selectedId, select] = useSelectedCollection();
  const [open, setOpenState] = useState<Open>(null);
  const [openings, setOpenings] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const setOpen = (next: Open) => {
    if (next) setOpenings((n) => n + 1);
    setActionError(null);
    setOpenState(next);
  };
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (fetching && !data) return <Loading label="Loading knowledge collections…" />;
  if (error && !data) return <ErrorState message={errorMessage(error)} onRetry={reload} />;
  const collections = data?.knowledgeCollections ?? [];
  const selected = collections.find((c) => c.id === selectedId) ?? collections[0] ?? null;

  const onDeleteCollection = async (collection: Collection) => {
    const result = await deleteCollection({ id: collection.id });
    if (result.error) return setActionError(errorMessage(result.error));
    setOpen(null);
    if (selectedId === collection.id) select(null);
    notify(`Collection "${collection.name}" deleted`);
    reload();
  };
  const onRemoveDocument = async (document: KnowledgeDocument) => {
    const result = await removeDocument({ id: document.id });
    if (result.error) return setActionError(errorMessage(result.error));
    setOpen(null);
    notify(`Document "${document.title}" removed`);
    reload();
  };

  return (
    <>
      <div className="su-tab-toolbar">
        <p className="muted">Help-centre articles and other documents; generation reads them in chunks.</p>
        {canEdit && (
          <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
            New collection
          </button>
        )}
      </div>
      {collections.length === 0 ? (
        <EmptyState title="No knowledge collections yet">
          <p>{canEdit ? 'Create a collection, then add your help-centre articles to it.' : 'An editor of your organisation can add one.'}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Knowledge collections</caption>
            <thead>
              <tr>
                <th scope="col">Collection</th>
                <th scope="col" className="num">
                  Documents
                </th>
                <th scope="col">Created</th>
                {canEdit && (
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {collections.map((collection) => (
                <tr key={collection.id} className={collection.id === selected?.id ? 'selected' : undefined} data-testid="knowledge-collection-row">
                  <td>
                    <button type="button" className="button-link" aria-current={collection.id === selected?.id ? 'true' : undefined} onClick={() => select(collection.id)}>
                      {collection.name}
                    </button>
                  </td>
                  <td className="num" data-testid="document-count">
                    {collection.documentCount}
                  </td>
                  <td>{formatDateTime(collection.createdAt)}</td>
                  {canEdit && (
                    <td className="col-actions">
                      <RowMenu
                        label={`Actions for ${collection.name}`}
                        actions={[
                          { label: 'Add document', onSelect: () => setOpen({ kind: 'add-document', collection }) },
                          { label: 'Delete collection', danger: true, onSelect: () => setOpen({ kind: 'delete-collection', collection }) },
                        ]}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {selected && (
        <section className="source-detail" aria-labelledby="knowledge-documents-heading">
          <div className="su-tab-toolbar">
            <h2 id="knowledge-documents-heading">Documents in {selected.name}</h2>
            {canEdit && (
              <button type="button" className="button" onClick={() => setOpen({ kind: 'add-document', collection: selected })}>
                Add document
              </button>
            )}
          </div>
          {selected.documents.length === 0 ? (
            <EmptyState title="No documents in this collection">
              <p>{canEdit ? 'Add an article as plain text, Markdown or HTML.' : 'An editor can add articles to it.'}</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Documents in {selected.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Format</th>
                    <th scope="col" className="num">
                      Chunks
                    </th>
                    <th scope="col">Added</th>
                    {canEdit && (
                      <th scope="col" className="col-actions">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {selected.documents.map((document) => (
                    <tr key={document.id}>
                      <td>{document.title}</td>
                      <td>{DOCUMENT_FORMAT_LABELS[document.format]}</td>
                      <td className="num">{document.chunkCount}</td>
                      <td>{formatDateTime(document.createdAt)}</td>
                      {canEdit && (
                        <td className="col-actions">
                          <button type="button" className="button button-small" aria-label={`Remove ${document.title}`} onClick={() => setOpen({ kind: 'remove-document', document })}>
                            Remove
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <NameDialog
        key={`create-${openings}`}
        open={open?.kind === 'create'}
        title="New knowledge collection"
        label="Collection name"
        hint="E.g. Help Centre (English)."
        submitLabel="Create collection"
        onClose={() => setOpen(null)}
        onSubmit={async (name) => {
          const result = await createCollection({ name });
          if (result.data) {
            setOpen(null);
            notify(`Collection "${result.data.createKnowledgeCollection.name}" created`);
            select(result.data.createKnowledgeCollection.id);
            reload();
          }
          return result.error;
        }}
      />
      <AddDocumentDialog
        key={`add-${openings}`}
        collection={open?.kind === 'add-document' ? open.collection : null}
        onClose={() => setOpen(null)}
        onAdded={(title, collection) => {
          setOpen(null);
          notify(`Document "${title}" added`);
          select(collection.id);
          reload();
        }}
      />
      <ConfirmDialog
        open={open?.kind === 'delete-collection'}
        title="Delete knowledge collection?"
        message={
          open?.kind === 'delete-collection' && (
            <>
              &ldquo;{open.collection.name}&rdquo; is deleted with its {open.collection.documentCount} documents. Test cases generated from it stay.
              {actionError && <span className="form-error su-confirm-error">{actionError}</span>}
            </>
          )
        }
        confirmLabel="Delete collection"
        busy={deletingCollection.fetching}
        onConfirm={() => open?.kind === 'delete-collection' && void onDeleteCollection(open.collection)}
        onClose={() => setOpen(null)}
      />
      <ConfirmDialog
        open={open?.kind === 'remove-document'}
        title="Remove document?"
        message={
          open?.kind === 'remove-document' && (
            <>
              &ldquo;{open.document.title}&rdquo; is removed from the collection.
              {actionError && <span className="form-error su-confirm-error">{actionError}</span>}
            </>
          )
        }
        confirmLabel="Remove document"
        busy={removingDocument.fetching}
        onConfirm={() => open?.kind === 'remove-document' && void onRemoveDocument(open.document)}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
