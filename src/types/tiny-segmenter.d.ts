/** tiny-segmenter 0.2 (CommonJS): `new TinySegmenter().segment(text)` splits Japanese text into words. */
declare module 'tiny-segmenter' {
  export default class TinySegmenter {
    segment(input: string): string[];
  }
}
