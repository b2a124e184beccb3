import { countries } from 'countries-list';
import { englishKey } from '../text/english';

/**
 * Capitals for their countries: English policy prose names governments by their capitals (`Manila
 * started the arbitration`, `Beijing's draft deal`). From the `countries-list` package (MIT, ISO 3166
 * countries with their capitals). All of them are kept (about 250, a few kilobytes): a country's name
 * reaches the corpus by the dictionary or by sound (`Philippines` → フィリピン), which only the query knows.
 */
export const CAPITALS_CREDIT = 'Capitals of countries from countries-list (© Annexare Studio, MIT licence).';

/** Letters with their accents taken off (`Malé` → `Male`, `São Tomé` → `Sao Tome`), as a question types them. */
const folded = (name: string): string => name.normalize('NFD').replace(/\p{M}/gu, '');

export function capitalCountries(): Record<string, string[]> {
  const related: Record<string, string[]> = {};
  for (const country of Object.values(countries) as Array<{ name: string; capital: string; alias?: string[] }>) {
    // A capital named by a common noun (`The Valley`, Anguilla) would make every valley a country.
    const capital = englishKey(folded(country.capital));
    if (capital === '' || /^the\s/iu.test(country.capital)) continue;
    const names = [country.name, ...(country.alias ?? [])].map((name) => englishKey(folded(name))).filter((name) => name !== '' && name !== capital);
    if (names.length > 0) related[capital] = [...new Set([...(related[capital] ?? []), ...names])];
  }
  return related;
}
