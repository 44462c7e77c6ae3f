import { describe, expect, it } from 'vitest';
import { parseBulk } from './bulk';

describe('bulk verification input', () => {
  it('reads pasted lines with commas, tabs or semicolons, skipping blanks', () => {
    expect(parseBulk('ABCD-1234, 2001-04-23\n\nEFGH-5678\t1999-12-31\r\nJKLM-9;2000-01-01\n')).toEqual({
      items: [
        { line: 1, code: 'ABCD-1234', dateOfBirth: '2001-04-23' },
        { line: 3, code: 'EFGH-5678', dateOfBirth: '1999-12-31' },
        { line: 4, code: 'JKLM-9', dateOfBirth: '2000-01-01' },
      ],
      badLines: [],
    });
  });

  it('reads a spreadsheet CSV by its header, quoted cells and a BOM included', () => {
    const csv = '\uFEFF"name","dateOfBirth","code"\n"Tanaka, Aiko","2001-04-23","AB-1"\n"Sato","1998-02-03","CD-2"\n';
    expect(parseBulk(csv).items).toEqual([
      { line: 2, code: 'AB-1', dateOfBirth: '2001-04-23' },
      { line: 3, code: 'CD-2', dateOfBirth: '1998-02-03' },
    ]);
  });

  it('names the lines it cannot read', () => {
    expect(parseBulk('code,date of birth\nAB-1,23/04/2001\n,2001-04-23\nCD-2,2001-04-23').badLines).toEqual([2, 3]);
  });
});
