import type { CallRule, RuleTable } from './types';

export const DATAFRAME = 'pandas.DataFrame';

const READERS = ['csv', 'excel', 'json', 'parquet', 'pickle', 'table', 'feather', 'hdf', 'html', 'fwf', 'orc', 'sas', 'spss', 'stata', 'xml', 'clipboard'];
const WRITERS = ['csv', 'excel', 'json', 'parquet', 'pickle', 'feather', 'hdf', 'html', 'latex', 'markdown', 'stata', 'xml', 'orc', 'clipboard'];

/** Methods returning a new DataFrame/Series (without inplace=True). */
const FRAME_RETURNING = [
  'dropna', 'fillna', 'drop', 'rename', 'sort_values', 'sort_index', 'reset_index', 'set_index', 'merge', 'join', 'copy',
  'head', 'tail', 'query', 'assign', 'astype', 'replace', 'apply', 'applymap', 'map', 'groupby', 'agg', 'aggregate',
  'transform', 'pivot', 'pivot_table', 'melt', 'stack', 'unstack', 'explode', 'drop_duplicates', 'sample', 'filter',
  'select_dtypes', 'nlargest', 'nsmallest', 'describe', 'value_counts', 'isnull', 'isna', 'notnull', 'notna', 'corr',
  'cov', 'cumsum', 'shift', 'diff', 'rolling', 'resample', 'interpolate', 'clip', 'round', 'abs', 'where', 'mask',
  'mean', 'sum', 'count', 'min', 'max', 'std', 'median', 'first', 'last', 'unique', 'to_frame', 'T', 'transpose',
  'reindex', 'rank', 'pct_change', 'get_dummies', 'combine_first', 'append', 'truncate', 'tz_localize', 'bfill', 'ffill',
  'loc', 'iloc',
];

/** Where `read_*` reads and `to_*` writes: the first argument, by whichever keyword each reader uses. */
const READ_PATH = [{ kw: 'filepath_or_buffer', pos: 0 }, { kw: 'path' }, { kw: 'path_or_buf' }, { kw: 'io' }];
const WRITE_PATH = [{ kw: 'path_or_buf', pos: 0 }, { kw: 'path' }, { kw: 'excel_writer' }, { kw: 'buf' }];

const functions: CallRule[] = [
  { names: READERS.map((r) => `pandas.read_${r}`), reads: 'file_system', path: READ_PATH, returns: DATAFRAME },
  { names: ['pandas.read_sql', 'pandas.read_sql_query', 'pandas.read_sql_table', 'pandas.read_gbq'], reads: 'db', returns: DATAFRAME },
  { names: ['pandas.DataFrame', 'pandas.Series', 'pandas.concat', 'pandas.merge', 'pandas.get_dummies', 'pandas.pivot_table', 'pandas.crosstab', 'pandas.melt', 'pandas.json_normalize', 'pandas.cut', 'pandas.qcut', 'pandas.to_datetime', 'pandas.to_numeric'], returns: DATAFRAME },
  { names: ['dask.dataframe.read_csv', 'dask.dataframe.read_parquet'], reads: 'file_system', path: READ_PATH, returns: DATAFRAME },
];

const methods: CallRule[] = [
  // `inplace=True` on any method of any value (pandas convention).
  { names: ['*'], receivers: ['*'], unknownReceiver: true, when: { kw: 'inplace', equals: true }, mutates: ['self'] },
  { names: ['pop', 'insert', 'update', '__setitem__', '__delitem__'], receivers: [DATAFRAME], mutates: ['self'] },
  { names: WRITERS.map((w) => `to_${w}`), receivers: [DATAFRAME], unknownReceiver: true, writes: 'file_system', path: WRITE_PATH },
  { names: ['to_sql', 'to_gbq'], receivers: [DATAFRAME], unknownReceiver: true, writes: 'db' },
  { names: FRAME_RETURNING, receivers: [DATAFRAME], returns: DATAFRAME },
  { names: ['plot', 'hist', 'boxplot'], receivers: [DATAFRAME], returns: 'matplotlib.object' },
];

export const pandasRules: RuleTable = { library: 'pandas', functions, methods };
