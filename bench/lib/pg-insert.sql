-- pgbench script: one event row per transaction, the row the API stores.
INSERT INTO events (client_id, event_id, source, payload, client_ip, content_hash)
VALUES ('bench-pg', gen_random_uuid(), 'bench', '{"user":"u-1234","action":"click","value":42}', '127.0.0.1', '\x00');
