-- API-key secrets are now stored sealed (AES-256-GCM, see SecretSealer), which is longer
-- than the 64 hex digits stored before.
ALTER TABLE api_keys ALTER COLUMN app_secret SET DATA TYPE VARCHAR(256);
