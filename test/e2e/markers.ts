/** Lines the suite prints and the launchers read: where its output starts, and its counts. */
export const START_LINE = 'scalelint-e2e-start';
/** Followed by ` passed=N failed=N pending=N`. */
export const SUMMARY_PREFIX = 'scalelint-e2e-summary';
