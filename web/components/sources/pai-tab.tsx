'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PaiItemKind, SourcePaiCollectionsQuery } from '../../gql/graphql';
import { useAuth } from '../../lib/auth-context';
import { errorMessage, formatDateTime } from '../../lib/format';
import { Badge } from '../ui/badge';
import { ConfirmDialog } from '../ui/dialog';
import { RowMenu } from '../ui/row-menu';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { ImportDialog } from './import-dialog';
import { NameDialog } from './name-dialog';
import { Pager, useCursorPages } from './pager';
import { useSelectedCollection } from './use-selected';

const SourcePaiCollectionsDocument = graphql(`
  query SourcePaiCollections {
    paiCollections {
      id
      name
      itemCount
      createdAt
    }
  }
`);

const SourcePaiItemsDocument = graphql(`
  query SourcePaiItems($collectionId: ID!, $first: Int, $after: String) {
    paiItems(collectionId: $collectionId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          kind
          fields {
            name
            value
          }
        }
      }
    }
  }
`);

const SourcePaiCollectionCreateDocument = graphql(`
  mutation SourcePaiCollectionCreate($name: String!) {
    createPaiCollection(name: $name) {
      id
      name
    }
  }
`);

const SourcePaiCollectionDeleteDocument = graphql(`
  mutation SourcePaiCollectionDelete($id: ID!) {
    deletePaiCollection(id: $id)
  }
`);

const SourcePaiImportDocument = graphql(`
  mutation SourcePaiImport($collectionId: ID!, $format: ExportFormat!, $content: String!) {
    importPaiItems(collectionId: $collectionId, format: $format, content: $content) {
      imported
      errors {
        row
        line
        field
        message
      }
    }
  }
`);

type Collection = SourcePaiCollectionsQuery['paiCollections'][number];
type Open = { kind: 'create' } | { kind: 'import'; collection: Collection } | { kind: 'delete'; collection: Collection } | null;

const PAGE_SIZE = 20;
const KIND_LABELS: Record<PaiItemKind, string> = { ORDER: 'Order', PRODUCT: 'Product', OTHER: 'Other' };

const EXAMPLES = {
  JSON: `[
  { "orderNumber": "DG-882341", "status": "in_transit", "product": "Trail Runner 2 shoes", "carrier": "Royal Mail" },
  { "sku": "SKU-1001", "name": "Trail Runner 2 shoes", "price": "119.00 EUR", "inStock": true }
]`,
  YAML: `- orderNumber: DG-882341
  status: in_transit
  product: Trail Runner 2 shoes
- sku: SKU-1001
  name: Trail Runner 2 shoes
  price: 119.00 EUR`,
  CSV: `sku,name,price,inStock
SKU-1001,Trail Runner 2 shoes,119.00 EUR,yes
SKU-1002,Wool Blend Overcoat,229.00 EUR,no`,
};

/** Purchase AI: collections of shop records (products, orders), and the records of the open one. */
export function PaiTab() {
  const { can } = useAuth();
  const canEdit = can('editor');
  const notify = useToast();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SourcePaiCollectionsDocument });
  const [, createCollection] = useMutation(SourcePaiCollectionCreateDocument);
  const [deleting, deleteCollection] = useMutation(SourcePaiCollectionDeleteDocument);
  const [, importItems] = useMutation(SourcePaiImportDocument);
  const [selectedId, select] = useSelectedCollection();
  const [open, setOpenState] = useState<Open>(null);
  const [openings, setOpenings] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  // Bumped after an import so the open collection's records are read again.
  const [itemsVersion, setItemsVersion] = useState(0);
  const setOpen = (next: Open) => {
    if (next) setOpenings((n) => n + 1);
    setActionError(null);
    setOpenState(next);
  };
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (fetching && !data) return <Loading label="Loading Purchase AI collections…" />;
  if (error && !data) return <ErrorState message={errorMessage(error)} onRetry={reload} />;
  const collections = data?.paiCollections ?? [];
  const selected = collections.find((c) => c.id === selectedId) ?? collections[0] ?? null;

  const onDelete = async (collection: Collection) => {
    const result = await deleteCollection({ id: collection.id });
    if (result.error) return setActionError(errorMessage(result.error));
    setOpen(null);
    if (selectedId === collection.id) select(null);
    notify(`Collection "${collection.name}" deleted`);
    reload();
  };

  return (
    <>
      <div className="su-tab-toolbar">
        <p className="muted">Products and orders from your shop; generation builds customers who ask about them.</p>
        {canEdit && (
          <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
            New collection
          </button>
        )}
      </div>
      {collections.length === 0 ? (
        <EmptyState title="No Purchase AI collections yet">
          <p>{canEdit ? 'Create a collection, then import your products or orders into it.' : 'An editor of your organisation can add one.'}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Purchase AI collections</caption>
            <thead>
              <tr>
                <th scope="col">Collection</th>
                <th scope="col">Collection ID</th>
                <th scope="col" className="num">
                  Items
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
                <tr key={collection.id} className={collection.id === selected?.id ? 'selected' : undefined} data-testid="pai-collection-row">
                  <td>
                    <button type="button" className="button-link" aria-current={collection.id === selected?.id ? 'true' : undefined} onClick={() => select(collection.id)}>
                      {collection.name}
                    </button>
                  </td>
                  <td>
                    <code className="su-id-cell">{collection.id}</code>
                  </td>
                  <td className="num" data-testid="item-count">
                    {collection.itemCount}
                  </td>
                  <td>{formatDateTime(collection.createdAt)}</td>
                  {canEdit && (
                    <td className="col-actions">
                      <RowMenu
                        label={`Actions for ${collection.name}`}
                        actions={[
                          { label: 'Import items', onSelect: () => setOpen({ kind: 'import', collection }) },
                          { label: 'Delete collection', danger: true, onSelect: () => setOpen({ kind: 'delete', collection }) },
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
        <section className="source-detail" aria-labelledby="pai-items-heading">
          <div className="su-tab-toolbar">
            <h2 id="pai-items-heading">Items in {selected.name}</h2>
            {canEdit && (
              <button type="button" className="button" onClick={() => setOpen({ kind: 'import', collection: selected })}>
                Import items
              </button>
            )}
          </div>
          <PaiItems key={`${selected.id}-${itemsVersion}`} collectionId={selected.id} canEdit={canEdit} />
        </section>
      )}

      <NameDialog
        key={`create-${openings}`}
        open={open?.kind === 'create'}
        title="New Purchase AI collection"
        label="Collection name"
        hint="E.g. Catalog or Orders."
        submitLabel="Create collection"
        onClose={() => setOpen(null)}
        onSubmit={async (name) => {
          const result = await createCollection({ name });
          if (result.data) {
            setOpen(null);
            notify(`Collection "${result.data.createPaiCollection.name}" created`);
            select(result.data.createPaiCollection.id);
            reload();
          }
          return result.error;
        }}
      />
      <ImportDialog
        key={`import-${openings}`}
        open={open?.kind === 'import'}
        title={open?.kind === 'import' ? `Import items into ${open.collection.name}` : 'Import items'}
        what="items"
        examples={EXAMPLES}
        onClose={() => setOpen(null)}
        onImport={async (format, content) => {
          if (open?.kind !== 'import') return {};
          const result = await importItems({ collectionId: open.collection.id, format, content });
          return { result: result.data?.importPaiItems, error: result.error };
        }}
        onImported={(count) => {
          if (open?.kind === 'import') select(open.collection.id);
          setOpen(null);
          notify(`Imported ${count} ${count === 1 ? 'item' : 'items'}`);
          setItemsVersion((v) => v + 1);
          reload();
        }}
      />
      <ConfirmDialog
        open={open?.kind === 'delete'}
        title="Delete Purchase AI collection?"
        message={
          open?.kind === 'delete' && (
            <>
              &ldquo;{open.collection.name}&rdquo; is deleted with its {open.collection.itemCount} items. Test cases generated from it stay.
              {actionError && <span className="form-error su-confirm-error">{actionError}</span>}
            </>
          )
        }
        confirmLabel="Delete collection"
        busy={deleting.fetching}
        onConfirm={() => open?.kind === 'delete' && void onDelete(open.collection)}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

/**
 * One page of a collection's records. Records differ in their fields, so the columns are the
 * fields of the page's records in the order they first appear.
 */
function PaiItems({ collectionId, canEdit }: { collectionId: string; canEdit: boolean }) {
  const pages = useCursorPages();
  const [{ data, fetching, error }, refetch] = useQuery({
    query: SourcePaiItemsDocument,
    variables: { collectionId, first: PAGE_SIZE, after: pages.after },
  });
  if (fetching && !data) return <Loading label="Loading items…" />;
  if (error && !data) return <ErrorState message={errorMessage(error)} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  const connection = data?.paiItems;
  if (!connection || connection.totalCount === 0) {
    return (
      <EmptyState title="No items in this collection">
        <p>{canEdit ? 'Import a JSON, YAML or CSV file of products or orders.' : 'An editor can import products or orders into it.'}</p>
      </EmptyState>
    );
  }
  const items = connection.edges.map((edge) => edge.node);
  const columns = [...new Set(items.flatMap((item) => item.fields.map((field) => field.name)))];
  return (
    <>
      <div className="table-wrap">
        <table className="table su-table-compact">
          <caption className="visually-hidden">Items</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              {columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const values = new Map(item.fields.map((field) => [field.name, field.value]));
              return (
                <tr key={item.id}>
                  <td>
                    <Badge tone="neutral">{KIND_LABELS[item.kind]}</Badge>
                  </td>
                  {columns.map((column) => (
                    <td key={column}>{values.get(column) ?? <span className="muted">—</span>}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager
        label="Items"
        pageIndex={pages.pageIndex}
        pageSize={PAGE_SIZE}
        shown={items.length}
        total={connection.totalCount}
        hasNext={connection.pageInfo.hasNextPage}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection.pageInfo.endCursor)}
      />
    </>
  );
}
