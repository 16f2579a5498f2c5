import { reportingYearStarting } from '../../../src/domain/shared/reporting-year.js';

export const NORTH_EAST = ['durham', 'teesside', 'northumbria'] as const;
export type NorthEastArea = (typeof NORTH_EAST)[number];

/** The reporting years the demo prints, 2010-11 to 2023-24. */
export const PUBLISHED_YEARS: readonly string[] = Array.from({ length: 14 }, (_, i) => reportingYearStarting(2010 + i));

/**
 * Registered sexual offenders in the community on 31 March of each year from 2010-11 to
 * 2023-24, as the Ministry of Justice's MAPPA Area Tables report them for the three North
 * East areas. The synthetic history is built to reach these; the engine counts them.
 */
export const PUBLISHED_RSOS: Readonly<Record<NorthEastArea, readonly number[]>> = {
  durham: [446, 485, 479, 539, 576, 608, 669, 760, 787, 842, 901, 941, 1007, 1123],
  teesside: [417, 545, 559, 620, 662, 674, 704, 814, 821, 814, 1084, 1104, 1116, 912],
  northumbria: [1038, 1115, 1179, 1192, 1260, 1376, 1493, 1537, 1644, 1801, 1774, 1895, 2053, 2032],
};

export function publishedFigure(area: NorthEastArea, reportingYear: string): number {
  const i = PUBLISHED_YEARS.indexOf(reportingYear);
  const figure = PUBLISHED_RSOS[area][i];
  if (figure === undefined) throw new Error(`no published figure for ${area} in ${reportingYear}`);
  return figure;
}

/**
 * Populations aged 10 and over recorded for 2023-24, the base of the rate per 100,000 that
 * national figures now quote. Durham's is the one its published rate implies (1,123 RSOs at
 * 196 per 100,000, rounded half up, allows 571,502 to 574,424). Teesside's and Northumbria's
 * rates were not to hand: theirs are the 2021 census resident populations (about 569,300 and
 * 1,447,900) scaled by the share aged 10 and over that durham's figure implies (91%). All
 * three are estimates, not published population figures.
 */
export const AGED_10_PLUS_2023_24: Readonly<Record<NorthEastArea, { readonly population: number; readonly source: string }>> = {
  durham: { population: 573_000, source: 'estimate implied by the published 2023-24 rate of 196 RSOs per 100,000 aged 10 and over' },
  teesside: { population: 518_000, source: 'estimate: 2021 census resident population scaled by the share aged 10 and over implied for durham' },
  northumbria: { population: 1_317_000, source: 'estimate: 2021 census resident population scaled by the share aged 10 and over implied for durham' },
};
