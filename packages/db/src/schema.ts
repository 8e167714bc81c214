// Drizzle mirror of migrations/*.sql. The SQL files are the source of truth for the
// database; `schema.test.ts` checks that every column declared here exists there.
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull(),
  handle: text('handle').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  image: text('image'),
  createdAt: createdAt(),
});

export const authAccounts = pgTable(
  'auth_accounts',
  {
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable('sessions', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true })
    .notNull()
    .default(sql`now() + interval '30 days'`),
});

export const signInFailures = pgTable('sign_in_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  tokenPrefix: text('token_prefix').notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const groups = pgTable('groups', {
  id: id(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const groupRoles = ['owner', 'mentor', 'member'] as const;
export type GroupRole = (typeof groupRoles)[number];

export const memberships = pgTable(
  'memberships',
  {
    groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: groupRoles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const inviteRoles = ['mentor', 'member'] as const;
export type InviteRole = (typeof inviteRoles)[number];

export const groupInvites = pgTable('group_invites', {
  id: id(),
  groupId: uuid('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' }),
  token: text('token').notNull(),
  role: text('role', { enum: inviteRoles }).notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  maxUses: integer('max_uses'),
  uses: integer('uses').notNull().default(0),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const notebooks = pgTable('notebooks', {
  id: id(),
  title: text('title').notNull(),
  ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
  ownerGroupId: uuid('owner_group_id').references(() => groups.id, { onDelete: 'cascade' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  linkAccess: boolean('link_access').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export const shareRoles = ['editor', 'commenter', 'viewer'] as const;
export type ShareRole = (typeof shareRoles)[number];

export const notebookShares = pgTable('notebook_shares', {
  id: id(),
  notebookId: uuid('notebook_id').notNull().references(() => notebooks.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
  groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  role: text('role', { enum: shareRoles }).notNull(),
  createdAt: createdAt(),
});

/** postgres.js reads bytea as a Buffer, PGlite as a Uint8Array: both come out as a plain Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/** The append-only Yjs update log of each notebook's document (apps/sync writes it before applying). */
export const docUpdates = pgTable('doc_updates', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  notebookId: uuid('notebook_id').notNull().references(() => notebooks.id, { onDelete: 'cascade' }),
  update: bytea('update').notNull(),
  createdAt: createdAt(),
});

/** A notebook's document compacted from the log, through update `throughUpdateId`. */
export const docSnapshots = pgTable('doc_snapshots', {
  notebookId: uuid('notebook_id').primaryKey().references(() => notebooks.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  throughUpdateId: bigint('through_update_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Restorable versions of a notebook's document: the whole Yjs state at one moment; `name` null: automatic. */
export const docVersions = pgTable('doc_versions', {
  id: id(),
  notebookId: uuid('notebook_id').notNull().references(() => notebooks.id, { onDelete: 'cascade' }),
  name: text('name'),
  state: bytea('state').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** Remote kernel workers (apps/worker): registered at start, alive while `heartbeatAt` is recent. */
export const workers = pgTable('workers', {
  id: id(),
  url: text('url').notNull(),
  capacity: integer('capacity').notNull(),
  backends: text('backends').array().notNull(),
  device: text('device').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  stoppedAt: timestamp('stopped_at', { withTimezone: true }),
});

export const kernelStates = ['starting', 'idle', 'busy', 'dead'] as const;
export type KernelState = (typeof kernelStates)[number];

/** One kernel process on a worker; its id is chosen by the session host and never reused. */
export const kernels = pgTable('kernels', {
  id: uuid('id').primaryKey(),
  notebookId: uuid('notebook_id').notNull().references(() => notebooks.id, { onDelete: 'cascade' }),
  workerId: uuid('worker_id').notNull().references(() => workers.id, { onDelete: 'cascade' }),
  state: text('state', { enum: kernelStates }).notNull(),
  backend: text('backend'),
  device: text('device'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  reason: text('reason'),
});
