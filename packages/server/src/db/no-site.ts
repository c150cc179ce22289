/**
 * What the unique indexes over an optional site put in place of "no site" (every site's persona,
 * the host's own tokens), since NULLs never conflict: `coalesce(site_id, <this>)`.
 */
export const NO_SITE_ID = '00000000-0000-0000-0000-000000000000';
export const NO_SITE_SQL = `'${NO_SITE_ID}'::uuid`;
