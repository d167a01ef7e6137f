/** A small statement-view fixture (read_csv, an in-place mutation, a bracketed assignment, an unused literal) shared by the graph view and export tests. */
import { GraphBuilder } from '../../slice/testing/graph-builder';

/**
 * import pandas as pd
 * df = pd.read_csv("train.csv")
 * df.dropna(inplace=True)
 * X = (
 *     df.mean()
 * )
 * unused = 1
 */
export function sample() {
  const b = new GraphBuilder();
  const c = b.cell('import pandas as pd\ndf = pd.read_csv("train.csv")\ndf.dropna(inplace=True)\nX = (\n    df.mean()\n)\nunused = 1\n');
  const pd = b.importModule('pandas', undefined, ['pd']);
  const limport = b.call(b.lookup('l_import'), [b.literal('pandas')], { cell: c, line: 1, endCol: 19 });
  const getattr = b.lookup('getattr');
  const readCsvAttr = b.call(getattr, [pd, b.literal('read_csv')], { cell: c, line: 2, col: 5, endCol: 16 });
  const df = b.call(readCsvAttr, [b.literal('train.csv', { cell: c, line: 2, col: 17, endCol: 28 })], { cell: c, line: 2, col: 5, endCol: 29 }, { names: ['df'] });
  const dropnaAttr = b.call(getattr, [df, b.literal('dropna')], { cell: c, line: 3, endCol: 9 });
  const dropna = b.call(dropnaAttr, [], { cell: c, line: 3, endCol: 23 }, { kwargs: [{ key: 'inplace', id: b.literal(true) }] });
  const df2 = b.mutate(df, dropna, { cell: c, line: 3, endCol: 23 }, ['df']);
  const meanAttr = b.call(getattr, [df2, b.literal('mean')], { cell: c, line: 5, col: 4, endCol: 11 });
  const x = b.call(meanAttr, [], { cell: c, line: 5, col: 4, endCol: 13 }, { names: ['X'] });
  const unused = b.literal(1, { cell: c, line: 7, col: 9, endCol: 10 }, ['unused']);
  return { graph: b.graph(), ids: { pd, limport, df, dropna, df2, x, unused, readCsvAttr } };
}
