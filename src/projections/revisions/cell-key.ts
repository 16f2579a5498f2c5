/** A figure of a return: `<rowId>/<cell>` (kept apart so the web page imports nothing else with it). */
export const cellKey = (rowId: string, cell: string) => `${rowId}/${cell}`;
