/** Debian's Chromium; TIDINGS_CHROMIUM points elsewhere on other machines. */
export const CHROMIUM = process.env.TIDINGS_CHROMIUM ?? '/usr/bin/chromium'
