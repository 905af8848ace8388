/**
 * The benchmark sections, in the order they run and print. To add one, write a file exporting a
 * `Section` (see bench/lib.ts) next to this one and list it here.
 */
import type { Section } from '../lib.ts';
import { events } from './events.ts';
import { memory } from './memory.ts';
import { perishables } from './perishables.ts';
import { reference } from './reference.ts';
import { scaling } from './scaling.ts';
import { startup } from './startup.ts';
import { whatif } from './whatif.ts';

export const sections: Section[] = [startup, reference, events, scaling, memory, whatif, perishables];
