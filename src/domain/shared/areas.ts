import { z } from 'zod';

/** The 42 MAPPA areas of England and Wales, by code (docs/DOMAIN.md section 8). */
export const AREA_CODES = [
  'avon-and-somerset', 'bedfordshire', 'cambridgeshire', 'cheshire', 'cumbria', 'derbyshire',
  'devon-and-cornwall', 'dorset', 'durham', 'dyfed-powys', 'essex', 'gloucestershire',
  'greater-manchester', 'gwent', 'hampshire', 'hertfordshire', 'humberside', 'kent', 'lancashire',
  'leicestershire', 'lincolnshire', 'london', 'merseyside', 'norfolk', 'north-wales',
  'north-yorkshire', 'northamptonshire', 'northumbria', 'nottinghamshire', 'south-wales',
  'south-yorkshire', 'staffordshire', 'suffolk', 'surrey', 'sussex', 'teesside', 'thames-valley',
  'warwickshire', 'west-mercia', 'west-midlands', 'west-yorkshire', 'wiltshire',
] as const;

export type AreaCode = (typeof AREA_CODES)[number];

export const areaCode = z.enum(AREA_CODES);

export const NATIONAL = 'england-and-wales';

const WALES: ReadonlySet<AreaCode> = new Set(['dyfed-powys', 'gwent', 'north-wales', 'south-wales']);

const NAME_EXCEPTIONS: Partial<Record<AreaCode, string>> = {
  durham: 'County Durham',
  hampshire: 'Hampshire and Isle of Wight',
};

const LOWER_WORDS = new Set(['and', 'of']);

export function areaName(code: AreaCode): string {
  return (
    NAME_EXCEPTIONS[code] ??
    code
      .split('-')
      .map((word) => (LOWER_WORDS.has(word) ? word : word[0]!.toUpperCase() + word.slice(1)))
      .join(' ')
  );
}

export function areaCountry(code: AreaCode): 'England' | 'Wales' {
  return WALES.has(code) ? 'Wales' : 'England';
}
