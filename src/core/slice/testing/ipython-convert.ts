/**
 * Test support: the Python that IPython runs for a `%%writefile` cell, so that proof runs
 * (plain Python in Pyodide) can execute notebooks that use it. Other cells are unchanged.
 */
export function convertCellMagics(cell: string): string {
  const lines = cell.split('\n');
  const m = /^\s*%%writefile\s+(.*?)\s*$/.exec(lines[0] ?? '');
  if (!m) return cell;
  let body = lines.slice(1).join('\n');
  if (!body.endsWith('\n')) body += '\n';
  return `get_ipython().run_cell_magic("writefile", ${JSON.stringify(m[1])}, ${JSON.stringify(body)})\n`;
}
