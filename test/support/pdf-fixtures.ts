/**
 * PDFs a browser does not write, written by hand for the bad-PDF classes (issue 16): the objects given,
 * the cross-reference table computed from their offsets.
 */
export function handMadePdf(objects: readonly string[], trailer = ''): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

/** A one-page PDF under the standard security handler (RC4, a user password). */
export function encryptedPdf(): Uint8Array {
  const key = '<' + '00'.repeat(32) + '>';
  return handMadePdf(
    ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>', `<< /Filter /Standard /V 1 /R 2 /O ${key} /U ${key} /P -4 >>`],
    '/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]',
  );
}

/** A page of text in a font whose glyphs are named only for private-use code points (no Unicode map): it decodes to U+E001…. */
export function undecodablePdf(): Uint8Array {
  const stream = 'BT /F1 24 Tf 20 100 Td (ABCDEFGH) Tj ET';
  const names = Array.from({ length: 8 }, (_, index) => `/uniE00${index + 1}`).join(' ');
  return handMadePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Symbolic /FirstChar 65 /LastChar 72 /Widths [500 500 500 500 500 500 500 500] /Encoding << /Differences [65 ${names}] >> >>`,
  ]);
}
