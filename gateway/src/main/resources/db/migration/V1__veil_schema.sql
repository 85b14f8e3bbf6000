-- Veil's shared state for clustered mode. Values are ciphertext (sealed by the gateway before they
-- arrive here) or ids, counts and times; nothing in this schema is plaintext PII.

-- Vaulted tokens: the entry's ciphertext is sealed with the token as associated data.
CREATE TABLE vault_tokens (
    token       text PRIMARY KEY,
    namespace   text    NOT NULL,
    key_id      text    NOT NULL,
    key_version integer NOT NULL,
    ciphertext  bytea   NOT NULL
);
-- Convergent mode: a keyed fingerprint (HMAC of the value, never the value) to its token.
CREATE TABLE vault_fingerprints (
    namespace   text  NOT NULL,
    fingerprint bytea NOT NULL,
    token       text  NOT NULL REFERENCES vault_tokens (token),
    PRIMARY KEY (namespace, fingerprint)
);
-- The key versions a format-preserving token was made under, by the token's keyed index entry.
CREATE TABLE vault_key_versions (
    entry   bytea   NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (entry, version)
);

-- Sanitized tickets: each view is sealed (StoreCipher) inside record; brand and CRM id are in clear.
CREATE TABLE tickets (
    id            text PRIMARY KEY,
    brand         text   NOT NULL,
    crm_ticket_id text   NOT NULL,
    version       bigint NOT NULL,
    record        bytea  NOT NULL,
    UNIQUE (brand, crm_ticket_id)
);

-- First answers to webhook ids (status and a small JSON body of ids and error codes).
CREATE TABLE idempotency (
    brand       text        NOT NULL,
    webhook_id  text        NOT NULL,
    status      integer     NOT NULL,
    body        bytea       NOT NULL,
    answered_at timestamptz NOT NULL,
    PRIMARY KEY (brand, webhook_id)
);
CREATE INDEX idempotency_answered_at ON idempotency (answered_at);

-- The reply outbox; a lease (leased_until, leased_by) hands a due row to one node at a time.
CREATE TABLE outbox (
    id              text PRIMARY KEY,
    brand           text        NOT NULL,
    key_version     integer     NOT NULL,
    payload         bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    state           text        NOT NULL,
    leased_until    timestamptz,
    leased_by       text
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, created_at, id) WHERE state = 'PENDING';

-- The audit trail: one JSON line per audited action (ids and codes only).
CREATE TABLE audit_log (
    seq  bigserial PRIMARY KEY,
    line text NOT NULL
);

-- Routing. Records are JSON of the routing model; the columns beside them are what the database
-- decides on: who holds a ticket (claim or push offer), until when, and each expert's capacity.
CREATE TABLE routing_experts (
    id       text PRIMARY KEY,
    capacity integer NOT NULL,
    record   text    NOT NULL
);
CREATE TABLE routing_reputations (
    expert_id text PRIMARY KEY,
    record    text NOT NULL
);
CREATE TABLE routing_tickets (
    id       text PRIMARY KEY,
    brand    text   NOT NULL,
    seq      bigint NOT NULL,
    arrival  text   NOT NULL,
    holder   text,
    deadline timestamptz,
    state    text
);
CREATE INDEX routing_tickets_holder ON routing_tickets (holder) WHERE holder IS NOT NULL;
CREATE INDEX routing_tickets_deadline ON routing_tickets (deadline) WHERE deadline IS NOT NULL;
CREATE TABLE routing_resolutions (
    ticket_id text PRIMARY KEY,
    record    text NOT NULL
);
-- The pay ledger; seq is allocated by the database (routing_ledger_seq) so nodes never collide.
CREATE SEQUENCE routing_ledger_seq;
CREATE TABLE routing_ledger (
    seq    bigint PRIMARY KEY,
    record text NOT NULL
);
ALTER SEQUENCE routing_ledger_seq OWNED BY routing_ledger.seq;
