import { describe, expect, it } from 'vitest';
import { dispositionFilename } from './content-disposition.js';

describe('dispositionFilename', () => {
  it('prefers the exact UTF-8 name of filename* over the ASCII filename', () => {
    const header = `attachment; filename="Caf_ plan.md"; filename*=UTF-8''Caf%C3%A9%20plan%20%F0%9F%98%80.md`;
    expect(dispositionFilename(header)).toBe('Café plan 😀.md');
  });

  it('takes filename* in either order and any case, with a language tag', () => {
    expect(
      dispositionFilename(`attachment; FILENAME*=utf-8'fr'%C3%A9t%C3%A9.txt; filename="ete.txt"`),
    ).toBe('été.txt');
  });

  it('reads a quoted filename, its ; and spaces included', () => {
    expect(dispositionFilename('attachment; filename="Launch ideas; v2.pdf"')).toBe(
      'Launch ideas; v2.pdf',
    );
  });

  it('reads an unquoted filename', () => {
    expect(dispositionFilename('attachment; filename=conversation.json')).toBe('conversation.json');
  });

  it('falls back to filename when filename* is not UTF-8 or not decodable', () => {
    expect(
      dispositionFilename(`attachment; filename*=iso-8859-1''%E9t%E9.md; filename="ete.md"`),
    ).toBe('ete.md');
    expect(dispositionFilename(`attachment; filename*=UTF-8''%E9t%E9.md; filename="ete.md"`)).toBe(
      'ete.md',
    );
  });

  it('is undefined without a name or a header', () => {
    expect(dispositionFilename('attachment')).toBeUndefined();
    expect(dispositionFilename('')).toBeUndefined();
    expect(dispositionFilename(null)).toBeUndefined();
  });

  it('does not take a parameter that only ends in filename', () => {
    expect(dispositionFilename('attachment; xfilename="no.md"')).toBeUndefined();
  });
});
