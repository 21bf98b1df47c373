/** The aging page's address for a date and (optionally) the bucket whose accounts are listed. */
export const agingPath = (asOf: string, bucket: string | null = null) => `/collections/aging/${asOf}${bucket === null ? '' : `/${encodeURIComponent(bucket)}`}`;
