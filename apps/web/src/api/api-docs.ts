import { z } from 'zod';
import type { Route } from './define.ts';

const accessText = { public: 'anyone', user: 'signed in (session or token)', session: 'browser session only' } as const;

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; anyOf?: JsonSchema[]; format?: string; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; default?: unknown };

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' \\| ');
  const type = Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

function limits(schema: JsonSchema): string {
  const parts = [
    schema.minLength !== undefined || schema.maxLength !== undefined ? `${schema.minLength ?? 0}–${schema.maxLength ?? '∞'} chars` : '',
    schema.minimum !== undefined || schema.maximum !== undefined ? `${schema.minimum ?? '−∞'}–${schema.maximum ?? '∞'}` : '',
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function fieldsTable(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const variants = json.anyOf ?? [json];
  return variants.flatMap((variant, i) => [
    ...(variants.length > 1 ? [`${i === 0 ? 'Either' : 'or'}:`, ''] : []),
    '| field | type | required | limits |',
    '|---|---|---|---|',
    ...Object.entries(variant.properties ?? {}).map(
      ([name, field]) => `| \`${name}\` | ${typeOf(field)} | ${variant.required?.includes(name) ? 'yes' : 'no'} | ${limits(field)} |`,
    ),
    '',
  ]);
}

/** docs/api.md, written from the same route list the router serves (`npm run docs:api`). */
export function apiMarkdown(routes: Route[]): string {
  const lines = [
    '# Cohort HTTP API',
    '',
    '<!-- Generated from apps/web/src/api/routes by `npm run docs:api`; a test fails when it is out of date. -->',
    '',
    'All routes live under `/api/v1` and speak JSON. The machine-readable description is the OpenAPI 3.1',
    'document served at `/api/v1/openapi.json`.',
    '',
    '## Authentication',
    '',
    '- **Browser session**: the Auth.js session cookie set by signing in at `/signin`. A state-changing',
    '  request (POST, PUT, PATCH, DELETE) with a session cookie must come from Cohort itself: the `Origin`',
    '  header must be the app\'s own origin and `Sec-Fetch-Site`, when sent, `same-origin`; otherwise 403 `cross_site`.',
    '- **Personal access token**: `Authorization: Bearer coh_...`, created at `/settings` or `POST /tokens`',
    '  (with a browser session). Tokens are stored hashed, can expire, and can be revoked.',
    '',
    '## Errors',
    '',
    'Errors answer `{ "error": { "code": "...", "message": "...", "field": "..." } }`. `field` names the input',
    'at fault (for 400 and some 409). 401: not signed in or bad token. 403: signed in, but your role may not',
    'do this. 404: unknown, or not visible to you — the two are never told apart. 409: conflicts with what is',
    'stored (duplicate e-mail, the last owner leaving). 410: an invite link that expired, was revoked or is used up.',
    '413: the body is over the route\'s size limit (1 MiB unless the route says otherwise). Problems inside uploaded',
    'content (an invalid `.ipynb`) are listed in `details`: `[{ "path": "/cells/3/source", "message": "..." }]`, each',
    'at a JSON Pointer into the upload.',
    '',
    '## Roles',
    '',
    '- Group roles: **owner** (manages members, roles and invites), **mentor**, **member**.',
    '- Notebook roles: **owner** > **editor** > **commenter** > **viewer**. The owner of a personal notebook and',
    '  the owners of the group that owns a group notebook are owners. Group members are editors of the group\'s',
    '  notebooks and mentors commenters, unless a share to them personally says otherwise. Shares to other',
    '  groups and "anyone with the link can view" (off by default) add to that.',
    '',
  ];
  const tags = [...new Set(routes.map((r) => r.tag))];
  for (const tag of tags) {
    lines.push(`## ${tag}`, '');
    for (const route of routes.filter((r) => r.tag === tag)) {
      const contentType = route.success.contentType ? ` (\`${route.success.contentType}\`)` : '';
      lines.push(`### \`${route.method} ${route.path}\``, '', `${route.summary}. Caller: ${accessText[route.access]}. Success: ${route.success.status}${contentType} — ${route.success.description}.`, '');
      if (route.query) lines.push('Query:', '', ...fieldsTable(route.query));
      if (route.body) lines.push(route.form ? 'Body (`application/json`):' : 'Body:', '', ...fieldsTable(route.body));
      if (route.form) lines.push('Or a form (`multipart/form-data`):', '', ...fieldsTable(route.form));
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
