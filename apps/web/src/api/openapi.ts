import { z } from 'zod';
import type { Route } from './define.ts';
import { ErrorSchema } from './schemas.ts';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(ErrorSchema, 'output') } },
});

/** The OpenAPI 3.1 document of the /api/v1 routes, derived from the same route list the router serves. */
export function openApiDocument(routes: Route[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const params = route.params ? (jsonSchema(route.params, 'input') as { properties?: Record<string, unknown> }) : {};
    const query = route.query
      ? (jsonSchema(route.query, 'input') as { properties?: Record<string, unknown>; required?: string[] })
      : {};
    const parameters = [
      ...Object.entries(params.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        schema,
      })),
    ];
    const responses: Record<string, unknown> = {
      [route.success.status]: {
        description: route.success.description,
        ...(route.success.schema
          ? { content: { [route.success.contentType ?? 'application/json']: { schema: jsonSchema(route.success.schema, 'output') } } }
          : {}),
      },
      ...(route.body || route.query ? { 400: errorResponse('The body or query is invalid; `field` names the input at fault') } : {}),
      ...(route.access === 'public' ? {} : { 401: errorResponse('Not signed in, or the token is invalid') }),
      403: errorResponse('Signed in, but this role may not do this (or a cross-site request)'),
      ...(route.params ? { 404: errorResponse('Unknown, or not visible to the caller') } : {}),
      ...(route.body ? { 413: errorResponse('The body is over the size the route accepts') } : {}),
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: operationId(route),
      security: route.access === 'public' ? [{}, { session: [] }, { token: [] }] : route.access === 'session' ? [{ session: [] }] : [{ session: [] }, { token: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: jsonSchema(route.body, 'input') },
                ...(route.form ? { 'multipart/form-data': { schema: jsonSchema(route.form, 'input') } } : {}),
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cohort API',
      version,
      description:
        'Accounts, study groups, notebooks and shares. State changes with a session cookie must come from Cohort itself (the Origin header is checked); scripts use a personal access token.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
        token: { type: 'http', scheme: 'bearer', description: 'A personal access token (coh_...)' },
      },
    },
    paths,
  };
}

function operationId(route: Route): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/[{}]/g, ''))
    .map((segment, i) => (i === 0 ? segment : segment[0]!.toUpperCase() + segment.slice(1)));
  return route.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
