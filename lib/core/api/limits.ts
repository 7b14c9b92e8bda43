// Limits shared by the API and the exports.

/** Request bodies above this get 413 (CONTRACT §3). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Rows in one CSV export of a list page. */
export const MAX_EXPORT_ROWS = 10_000;
/** A CSV import through the UI may be larger than an API body: a year of deployments. */
export const MAX_CSV_IMPORT_BYTES = 20 * 1024 * 1024;
