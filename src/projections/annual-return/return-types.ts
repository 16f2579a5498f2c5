import type { PopulationBasis } from '../../domain/area/events.js';

export const RETURN_FORMATS = ['2008', '2015', '2024'] as const;
export type ReturnFormat = (typeof RETURN_FORMATS)[number];
export type ReturnRow = { readonly id: string; readonly label: string; readonly cells: Readonly<Record<string, number | null>> };

/** The annual return as JSON (docs/DOMAIN.md sections 7 and 12). */
export type AnnualReturn = {
  readonly area: string;
  readonly reportingYear: string;
  readonly format: ReturnFormat;
  readonly knownAt: string | null;
  /**
   * The reporting year had not ended on the day the figures are as known (today, or the day of
   * `knownAt`): snapshot rows "at 31 March" are what is recorded so far, and will change.
   */
  readonly provisional: boolean;
  readonly rows: readonly ReturnRow[];
};

/**
 * Each format's edition: the first reporting year it is offered for (null: every year), the
 * first it is the default for, and the population its rate per 100,000 is computed on.
 * Format 2024 counts category 4 and rates on the population aged 10 and over; it is the default
 * from 2024-25, the first year of the category-4 edition, and offered from 2023-24, the first
 * year whose published rate is per 100,000 aged 10 and over. Both years are provisional.
 */
export const RETURN_FORMAT_EDITIONS: Readonly<Record<ReturnFormat, { readonly offeredFrom: string | null; readonly defaultFrom: string | null; readonly population: PopulationBasis; readonly provisional: boolean }>> = {
  '2008': { offeredFrom: null, defaultFrom: null, population: 'all-ages', provisional: false },
  '2015': { offeredFrom: null, defaultFrom: '2015-16', population: 'all-ages', provisional: false },
  '2024': { offeredFrom: '2023-24', defaultFrom: '2024-25', population: 'aged-10-plus', provisional: true },
};

/** Format 2008 is the default up to 2014-15, format 2015 from 2015-16, format 2024 from 2024-25. */
export function defaultFormat(reportingYear: string): ReturnFormat {
  let chosen: ReturnFormat = '2008';
  for (const format of RETURN_FORMATS) {
    const from = RETURN_FORMAT_EDITIONS[format].defaultFrom;
    if (from === null || reportingYear >= from) chosen = format;
  }
  return chosen;
}

/** The formats a reporting year may be asked in, oldest first. */
export function formatsOffered(reportingYear: string): ReturnFormat[] {
  return RETURN_FORMATS.filter((f) => {
    const from = RETURN_FORMAT_EDITIONS[f].offeredFrom;
    return from === null || reportingYear >= from;
  });
}

/** The population a format's rate per 100,000 is computed on. */
export function populationBasisOf(format: ReturnFormat): PopulationBasis {
  return RETURN_FORMAT_EDITIONS[format].population;
}
