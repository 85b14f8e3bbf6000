#!/bin/sh
# Prepares the dev-mode Vault of compose.yaml for Veil: Transit and KV v2, the least-privilege
# policy "veil" (docs/vault.md), and the AppRole "veil" whose role id and secret id go to /approle
# for the gateway. Idempotent: run it again and it changes nothing that is already there.
set -eu

: "${VAULT_ADDR:?}" "${VAULT_TOKEN:?}"

until vault status >/dev/null 2>&1; do
  echo "waiting for Vault at $VAULT_ADDR"
  sleep 1
done

vault secrets list -format=json | grep -q '"transit/"' || vault secrets enable transit
# dev mode mounts KV v2 at secret/; elsewhere enable it
vault secrets list -format=json | grep -q '"secret/"' || vault secrets enable -path=secret -version=2 kv

vault policy write veil - <<'POLICY'
path "transit/keys/veil-*"             { capabilities = ["create", "read", "update"] }
path "transit/keys/veil-*/rotate"      { capabilities = ["update"] }
path "transit/keys/veil-*/config"      { capabilities = ["update"] }
path "transit/datakey/wrapped/veil-*"  { capabilities = ["update"] }
path "transit/decrypt/veil-*"          { capabilities = ["update"] }
path "secret/data/veil/*"              { capabilities = ["create", "read", "update"] }
path "secret/metadata/veil/*"          { capabilities = ["list", "read", "delete"] }
path "auth/token/lookup-self"          { capabilities = ["read"] }
path "auth/token/renew-self"           { capabilities = ["update"] }
POLICY

vault auth list -format=json | grep -q '"approle/"' || vault auth enable approle
vault write auth/approle/role/veil token_policies=veil token_ttl=1h token_max_ttl=24h secret_id_ttl=0

umask 077
vault read -field=role_id auth/approle/role/veil/role-id > /approle/role-id
vault write -f -field=secret_id auth/approle/role/veil/secret-id > /approle/secret-id
chmod 0444 /approle/role-id /approle/secret-id   # the gateway runs as another user; the volume is shared with it alone
echo "Vault is ready for Veil"
