/**
 * `scsim schema`: the scenario file format as JSON Schema (draft 2020-12), for editor
 * autocompletion and validation (e.g. `# yaml-language-server: $schema=scsim.schema.json`).
 *
 * Generated from the zod schema for the INPUT side: fields with defaults are optional, as
 * they are in a scenario file. Cross-field rules (s ≤ S, references between ids) are checked
 * by `scsim validate` only.
 */
import { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.ts';

/** The scenario JSON Schema as pretty-printed JSON text. */
export function schemaCommand(): string {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    title: 'scsim scenario',
    description: 'A supply-chain scenario for scsim: products, sites, customer segments, lanes, variants and options.',
    ...rest,
  };
  return JSON.stringify(schema, null, 2);
}
