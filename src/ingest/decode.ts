import { IngestError } from './errors';
import { INGEST_LIMITS } from './limits';

/**
 * Turns a corpus file's bytes into text, or fails with the file, line and column of the first problem.
 * Accepts UTF-8 with or without a BOM and any line endings; rejects empty files, invalid UTF-8 and
 * binary content (NUL or other C0 control characters besides tab, line feed, carriage return and form feed),
 * and lines longer than INGEST_LIMITS.maxLineChars.
 */
export function decodeSource(bytes: Uint8Array, file: string): string {
  const invalidAt = firstInvalidUtf8(bytes);
  if (invalidAt !== -1) {
    const { line, column } = locateByte(bytes, invalidAt);
    throw new IngestError('INVALID_UTF8', { file, line, column }, `0x${hex(bytes[invalidAt] ?? 0)}`);
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const control = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const before = text.slice(0, control.index);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    const code = control[0].charCodeAt(0);
    throw new IngestError('BINARY_FILE', { file, line, column }, `U+${hex(code).padStart(4, '0')}`);
  }
  if (text.trim() === '') throw new IngestError('EMPTY_FILE', { file });
  const lines = text.split(/\r\n|\r|\n/u);
  const long = lines.findIndex((line) => line.length > INGEST_LIMITS.maxLineChars);
  if (long !== -1) {
    throw new IngestError('LINE_TOO_LONG', { file, line: long + 1 }, (lines[long] as string).length.toLocaleString('en'), INGEST_LIMITS.maxLineChars.toLocaleString('en'));
  }
  return text;
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

/** Byte offset where the first invalid UTF-8 sequence starts (RFC 3629: no overlongs, surrogates or code points above U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    let length: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000];
    else return index;
    let codePoint = lead & (0xff >> (length + 1));
    for (let offset = 1; offset < length; offset++) {
      const next = bytes[index + offset];
      if (next === undefined || (next & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

/** 1-based line and column (in characters) of byte `offset`. */
function locateByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: Array.from(prefix).length + 1 };
}
