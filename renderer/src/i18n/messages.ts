import type { en } from './en.js';

type Reference = typeof en;

/**
 * The shape every catalogue must have: the same keys as en.ts, strings where en has strings and
 * functions with the same parameters where en has functions. Declaring `fr: Messages` makes a
 * missing key an error and an extra key an excess-property error.
 */
export type Messages = {
  readonly [K in keyof Reference]: Reference[K] extends string ? string : Reference[K];
};

export type MessageKey = keyof Messages;
