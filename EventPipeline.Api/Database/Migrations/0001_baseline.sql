-- The first migration: the extension later migrations rely on for gen_random_uuid() and digests.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
