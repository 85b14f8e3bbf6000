-- The latest state taken in of each CRM record delivered out of order (Salesforce Outbound
-- Messages), shared by every node: an older state than the one recorded here is skipped.
CREATE TABLE crm_case_states (
    brand       text        NOT NULL,
    record      text        NOT NULL,
    stamp       timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (brand, record)
);
CREATE INDEX crm_case_states_recorded_at ON crm_case_states (recorded_at);
