-- A demand for a fresh second factor (the monitor's "require fresh MFA" response, docs/monitoring.md): every browser
-- session and API token whose last second factor is not newer than fresh_mfa_since is refused until it gives one
-- (a token cannot: it must be made again). fresh_mfa_met_at: when the user first gave one after the demand.
alter table app_user add column fresh_mfa_since timestamp with time zone;
alter table app_user add column fresh_mfa_met_at timestamp with time zone;
