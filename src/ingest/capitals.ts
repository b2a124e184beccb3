import { countries } from 'countries-list';
import { englishKey } from '../text/english';

/**
 * Capitals for their countries: English policy prose names governments by their capitals (`Manila
 * started the arbitration`, `Beijing's draft deal`). From the `countries-list` package (MIT, ISO 3166
 * countries with their capitals). All of them are kept (about 250, a few kilobytes): a country's name
 * reaches the corpus by the dictionary or by sound (`Philippines` → フィリピン), which only the query knows.
 */
export const CAPITALS_CREDIT = 'Capitals of countries from countries-list (© Annexare Studio, MIT licence).';

export function capitalCountries(): Record<string, string[]> {
  const related: Record<string, string[]> = {};
  for (const country of Object.values(countries) as Array<{ name: string; capital: string; alias?: string[] }>) {
    const capital = englishKey(country.capital);
    if (capital === '') continue;
    const names = [country.name, ...(country.alias ?? [])].map(englishKey).filter((name) => name !== '' && name !== capital);
    if (names.length > 0) related[capital] = [...new Set([...(related[capital] ?? []), ...names])];
  }
  return related;
}
