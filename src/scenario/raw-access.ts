/**
 * Reading a scenario document before (or without) its schema validation: the reference checks
 * (references.ts and the *-references.ts files) walk the raw parsed YAML, where any field may
 * be missing or of the wrong type, and report problems instead of throwing.
 */
import { isMapping } from './document.ts';

export type Obj = Record<string, unknown>;
/** The value as a mapping, or an empty one. */
export const obj = (v: unknown): Obj => (isMapping(v) ? v : {});
/** The value as a string, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** The value as a finite number, or undefined. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** The value as a list, or an empty one. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** Whether the mapping has its own key k. */
export const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
/** A name quoted for a message. */
export const q = (s: string): string => JSON.stringify(s);
