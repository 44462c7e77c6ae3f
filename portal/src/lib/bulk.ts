// The bulk verification screen's input: a pasted list or a CSV file, one statement a line.

export interface BulkItem {
  /** 1-based line of the input it came from. */
  line: number;
  code: string;
  dateOfBirth: string;
}

export interface ParsedBulk {
  items: BulkItem[];
  /** Lines that are neither blank, a header, nor `code,date`. */
  badLines: number[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** One line's cells: separated by a comma, semicolon or tab outside double quotes ("" is a quote). */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Reads `code, dateOfBirth` lines (comma, semicolon or tab between; cells may be quoted, as
 * spreadsheets write them); a first line naming the columns is skipped, and so are blank lines.
 * A CSV with more columns is read by its header (`code` and `dateOfBirth`/`date of birth`).
 */
export function parseBulk(text: string): ParsedBulk {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const items: BulkItem[] = [];
  const badLines: number[] = [];
  let codeAt = 0;
  let dateAt = 1;
  lines.forEach((raw, index) => {
    if (!raw.trim()) return;
    const cells = cellsOf(raw);
    if (index === 0 && cells.some((c) => /^(verification\s*)?code$/i.test(c))) {
      codeAt = cells.findIndex((c) => /^(verification\s*)?code$/i.test(c));
      const date = cells.findIndex((c) => /^date\s*of\s*birth$|^dateofbirth$|^dob$/i.test(c.replace(/[_-]/g, ' ')));
      dateAt = date >= 0 ? date : codeAt + 1;
      return;
    }
    const code = cells[codeAt] ?? '';
    const dateOfBirth = cells[dateAt] ?? '';
    if (code && DATE.test(dateOfBirth)) items.push({ line: index + 1, code, dateOfBirth });
    else badLines.push(index + 1);
  });
  return { items, badLines };
}
