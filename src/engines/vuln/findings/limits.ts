/** Caps for the findings engine: text people type into the lifecycle. */

/** The longest compensating-control description kept, in characters. */
export const MAX_CONTROL_LENGTH = 2000;

/** The most controls one exception lists. */
export const MAX_EXCEPTION_CONTROLS = 50;
