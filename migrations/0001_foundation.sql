-- Foundation: accounts, sessions, API tokens, study groups, invites, notebooks and shares.
-- Every default is computed by Postgres, never by the application at migration time.

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL,
  handle        text NOT NULL,
  name          text NOT NULL,
  password_hash text,
  image         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_handle_format CHECK (handle ~ '^[a-z0-9][a-z0-9_-]{1,29}$'),
  CONSTRAINT users_email_lowercase CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_handle_key ON users (handle);

-- Sign-ins through OAuth providers (GitHub, Google).
CREATE TABLE auth_accounts (
  provider            text NOT NULL,
  provider_account_id text NOT NULL,
  user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, provider_account_id)
);
CREATE INDEX auth_accounts_user_idx ON auth_accounts (user_id);

-- Server-side sessions: the Auth.js cookie names one of these rows, so signing out
-- (or deleting the row) ends the session even though the cookie is a JWT.
CREATE TABLE sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL DEFAULT now() + interval '30 days'
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed sign-in counters for rate limiting, keyed by e-mail and by client address.
CREATE TABLE sign_in_failures (
  key               text PRIMARY KEY,
  failures          integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL DEFAULT now()
);

-- Personal access tokens: only a SHA-256 of the token is stored.
CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at   timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE groups (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  group_id   uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('owner', 'mentor', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- Invite links. The token is kept (not only its hash) because owners copy the link again
-- from the group page; it is a revocable capability, shown to group owners only.
CREATE TABLE group_invites (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id     uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  token        text NOT NULL UNIQUE,
  role         text NOT NULL CHECK (role IN ('mentor', 'member')),
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  max_uses     integer CHECK (max_uses IS NULL OR max_uses > 0),
  uses         integer NOT NULL DEFAULT 0,
  revoked_at   timestamptz
);
CREATE INDEX group_invites_group_idx ON group_invites (group_id);

CREATE TABLE notebooks (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title          text NOT NULL,
  owner_user_id  uuid REFERENCES users (id) ON DELETE CASCADE,
  owner_group_id uuid REFERENCES groups (id) ON DELETE CASCADE,
  created_by     uuid REFERENCES users (id) ON DELETE SET NULL,
  link_access    boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  deleted_at     timestamptz,
  CONSTRAINT notebooks_one_owner CHECK ((owner_user_id IS NULL) <> (owner_group_id IS NULL))
);
CREATE INDEX notebooks_owner_user_idx ON notebooks (owner_user_id);
CREATE INDEX notebooks_owner_group_idx ON notebooks (owner_group_id);

CREATE TABLE notebook_shares (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notebook_id uuid NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
  user_id     uuid REFERENCES users (id) ON DELETE CASCADE,
  group_id    uuid REFERENCES groups (id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('editor', 'commenter', 'viewer')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notebook_shares_one_grantee CHECK ((user_id IS NULL) <> (group_id IS NULL))
);
CREATE UNIQUE INDEX notebook_shares_user_key ON notebook_shares (notebook_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX notebook_shares_group_key ON notebook_shares (notebook_id, group_id) WHERE group_id IS NOT NULL;
CREATE INDEX notebook_shares_user_idx ON notebook_shares (user_id);
CREATE INDEX notebook_shares_group_idx ON notebook_shares (group_id);
