// CSV for the reports (complaints, centre): cells defused against spreadsheet formulas, CRLF line
// ends and a UTF-8 byte order mark so Excel opens Chinese text correctly; and the download.

export type CsvValue = string | number | null;

/** A cell: quoted when it must be; a leading = + - @ is defused so a spreadsheet never runs it. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as one CSV text: BOM first, CRLF after every row. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const roundTo = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Saves the text as `<name>.csv` through a download link (a name safe on Windows and macOS). */
export function downloadCsv(text: string, name: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`.replace(/[\\/:*?"<>|\s]+/g, '-');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
