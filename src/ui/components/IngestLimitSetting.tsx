import { NumberSetting } from './NumberSetting';
import { NUMBER_SETTINGS } from '../../store';

/** Settings card: the ingest size limit and the node budget ("node limit per file"). */
export function IngestLimitSetting() {
  return (
    <section className="card" data-testid="ingest-settings">
      <h2>Ingest</h2>
      <NumberSetting
        spec={NUMBER_SETTINGS.maxIngestMB}
        label="Size limit (MB)"
        help="Larger files are refused before they are read."
        testId="ingest-limit"
      />
      <NumberSetting
        spec={NUMBER_SETTINGS.maxNodes}
        label="Node limit per file"
        help="The analysis of a file stops with a message, and saves nothing, once its lineage graph would pass this many nodes."
        testId="node-budget"
      />
    </section>
  );
}
