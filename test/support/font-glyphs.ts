import { readFileSync } from 'node:fs';

/**
 * Characters a font draws with one glyph (Noto CJK draws 戶 and 戸, `・` and `‧`, `—` and `―` alike), read
 * from the first face of a TrueType collection's `cmap` (format 12). A PDF printed with the font can only
 * say which glyph was drawn, and its producer picks one of the characters for it: the round trip of a
 * printed paper is exact up to these. Returns each such character's class representative (the smallest).
 */
export function sharedGlyphs(path: string, family: RegExp): Map<string, string> {
  const data = readFileSync(path);
  const faces = data.toString('latin1', 0, 4) === 'ttcf' ? Array.from({ length: data.readUInt32BE(8) }, (_, index) => data.readUInt32BE(12 + index * 4)) : [0];
  const tableOf = (face: number, tag: string): number => {
    for (let index = 0; index < data.readUInt16BE(face + 4); index++) {
      const entry = face + 12 + index * 16;
      if (data.toString('latin1', entry, entry + 4) === tag) return data.readUInt32BE(entry + 8);
    }
    return -1;
  };
  // The face whose family name (name id 1, Windows Unicode) matches.
  const face = faces.find((start) => {
    const name = tableOf(start, 'name');
    const strings = name + data.readUInt16BE(name + 4);
    for (let index = 0; index < data.readUInt16BE(name + 2); index++) {
      const record = name + 6 + index * 12;
      if (data.readUInt16BE(record) !== 3 || data.readUInt16BE(record + 6) !== 1) continue;
      const at = strings + data.readUInt16BE(record + 10);
      const text = data.subarray(at, at + data.readUInt16BE(record + 8)).swap16().toString('utf16le');
      data.subarray(at, at + data.readUInt16BE(record + 8)).swap16();
      if (family.test(text)) return true;
    }
    return false;
  });
  if (face === undefined) throw new Error(`${path}: no face named ${family}`);
  const cmap = tableOf(face, 'cmap');
  if (cmap < 0) throw new Error(`${path}: no cmap`);
  const byGlyph = new Map<number, number[]>();
  const subtables = data.readUInt16BE(cmap + 2);
  for (let index = 0; index < subtables; index++) {
    const record = cmap + 4 + index * 8;
    const offset = cmap + data.readUInt32BE(record + 4);
    if (data.readUInt16BE(offset) !== 12) continue;
    const groups = data.readUInt32BE(offset + 12);
    for (let group = 0; group < groups; group++) {
      const at = offset + 16 + group * 12;
      const [start, end, glyph] = [data.readUInt32BE(at), data.readUInt32BE(at + 4), data.readUInt32BE(at + 8)];
      for (let code = start; code <= end; code++) {
        const list = byGlyph.get(glyph + code - start) ?? [];
        list.push(code);
        byGlyph.set(glyph + code - start, list);
      }
    }
    break;
  }
  const classes = new Map<string, string>();
  for (const codes of byGlyph.values()) {
    if (codes.length < 2) continue;
    const first = String.fromCodePoint(Math.min(...codes));
    for (const code of codes) classes.set(String.fromCodePoint(code), first);
  }
  return classes;
}
