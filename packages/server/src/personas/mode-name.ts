/** What a mode (the name a session gives its persona) looks like: a short lowercase word. */
export const MODE_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;
export const MODE_NAME_RULE = 'must be a lowercase word (a-z, 0-9, _ and -, at most 32 characters)';
