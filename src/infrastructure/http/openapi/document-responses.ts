import { PROBLEM_CONTENT_TYPE } from '../problem.js';

type JsonSchema = Record<string, unknown>;
type Transformed = { schema: Record<string, unknown> & { response?: Record<string, JsonSchema> }; url: string };

/** Other media types a route answers in, by what each holds: documentation only. */
type AlternativeMedia = Readonly<Record<string, string>>;

const PROBLEM_MEDIA = PROBLEM_CONTENT_TYPE.split(';')[0]!;

/**
 * Finishes what the zod transform made of a route's responses: error statuses are
 * `application/problem+json` (RFC 9457), and a route that also answers CSV or text (by Accept)
 * lists those beside its JSON.
 */
export function documentResponses(transformed: Transformed, alternatives: AlternativeMedia | undefined): Transformed {
  const response = transformed.schema.response;
  if (response === undefined) return transformed;
  const documented: Record<string, JsonSchema> = {};
  for (const [status, schema] of Object.entries(response)) {
    if (/^[45]/.test(status)) {
      documented[status] = { description: `A problem (RFC 9457): \`code\` says which; \`errors\` name the fields of a 400`, content: { [PROBLEM_MEDIA]: { schema } } };
    } else if (/^2/.test(status) && alternatives !== undefined) {
      documented[status] = {
        description: 'JSON by default; by Accept, also as below',
        content: {
          'application/json': { schema },
          ...Object.fromEntries(Object.entries(alternatives).map(([media, description]) => [media, { schema: { type: 'string', description } }])),
        },
      };
    } else documented[status] = schema;
  }
  return { ...transformed, schema: { ...transformed.schema, response: documented } };
}
