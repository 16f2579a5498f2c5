/** Dates in the law and practice that every synthetic history is built around. */

/** The register began with the Sex Offenders Act 1997, in force 1 September 1997. */
export const REGISTER_START = '1997-09-01';

/** MAPPA began in April 2001 (Criminal Justice and Court Services Act 2000 ss.67-68). */
export const MAPPA_START = '2001-04-02';

/**
 * From 1 September 2012 an offender subject to indefinite notification may ask the police to
 * end it, 15 years after first notifying following release (8 years if under 18 when
 * convicted): the Sexual Offences Act 2003 (Remedial) Order 2012, after R (F) v SSHD [2010] UKSC 17.
 */
export const INDEFINITE_REVIEWS_FROM = '2012-09-01';
