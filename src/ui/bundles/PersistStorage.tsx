/** Settings → Storage: ask the browser to keep this site's data (navigator.storage.persist). */
import { usePersisted } from '../hooks/queries';
import { useRequestPersist } from '../hooks/mutations';
import { ErrorMessage } from '../components/ErrorMessage';

export function PersistStorage() {
  const persisted = usePersisted();
  const request = useRequestPersist();
  if (persisted.data === null) return <p className="muted small">This browser cannot make storage persistent.</p>;
  return (
    <div className="persist" data-testid="persist-storage">
      {persisted.data ? (
        <p className="status success" role="status">
          Storage is persistent: the browser will not clear Threadline’s data to free space.
        </p>
      ) : (
        <>
          <p className="small settings-card-text">
            Storage is “best effort”: under disk pressure the browser may clear it. Ask to keep it; the browser decides (often on its own, based on
            how much you use this site).
          </p>
          <button type="button" className="button" disabled={request.isPending || persisted.isLoading} onClick={() => request.mutate()} data-testid="request-persist">
            Request persistent storage
          </button>
          {request.isSuccess && !request.data ? (
            <p className="muted small" role="status">
              The browser declined for now. It may grant it later, for example after you bookmark or install the site.
            </p>
          ) : null}
        </>
      )}
      {request.isError ? <ErrorMessage error={request.error} /> : null}
    </div>
  );
}
