import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/ingest/decode';
import { IngestError } from '../../src/ingest/errors';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => Array.from(part)));

function failure(bytes: Uint8Array): IngestError {
  try {
    decodeSource(bytes, 'corpus/bad.txt');
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('expected decodeSource to fail');
}

describe('decodeSource', () => {
  it('strips a UTF-8 byte order mark', () => {
    expect(decodeSource(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('本文。')), 'a.txt')).toBe('本文。');
  });

  it('keeps CRLF line endings for the line splitter to handle', () => {
    expect(decodeSource(utf8('一行目\r\n\r\n二行目'), 'a.txt')).toBe('一行目\r\n\r\n二行目');
  });

  it('rejects invalid UTF-8 naming the file, line and column of the bad byte', () => {
    const error = failure(concat(utf8('一行目\n\n二行目の'), Uint8Array.of(0xff), utf8('続き')));
    expect(error.code).toBe('INVALID_UTF8');
    expect(error.location).toEqual({ file: 'corpus/bad.txt', line: 3, column: 5 });
    expect(error.message).toMatch(/^corpus\/bad\.txt:3:5: .*0xFF/u);
  });

  it('rejects a truncated multi-byte character and an overlong encoding', () => {
    expect(failure(concat(utf8('あ'), Uint8Array.of(0xe3, 0x81))).code).toBe('INVALID_UTF8');
    expect(failure(Uint8Array.of(0x41, 0xc0, 0xaf)).code).toBe('INVALID_UTF8');
    expect(failure(Uint8Array.of(0xed, 0xa0, 0x80)).code).toBe('INVALID_UTF8'); // a UTF-16 surrogate
  });

  it('rejects binary content (a NUL byte) with its line', () => {
    const error = failure(concat(utf8('PDF?\n'), Uint8Array.of(0x25, 0x00, 0x01)));
    expect(error.code).toBe('BINARY_FILE');
    expect(error.location.line).toBe(2);
    expect(error.message).toContain('U+0000');
  });

  it('rejects an empty file and one holding only white space or a BOM', () => {
    expect(failure(new Uint8Array()).code).toBe('EMPTY_FILE');
    expect(failure(utf8(' \n\u3000\n')).code).toBe('EMPTY_FILE');
    expect(failure(Uint8Array.of(0xef, 0xbb, 0xbf)).code).toBe('EMPTY_FILE');
  });

  it('accepts tabs and form feeds', () => {
    expect(decodeSource(utf8('一\t二\f三'), 'a.txt')).toBe('一\t二\f三');
  });
});
