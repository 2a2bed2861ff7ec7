-- pgbench script: 100 event rows per transaction (the group-commit shape).
INSERT INTO events (client_id, event_id, source, payload, client_ip, content_hash)
SELECT 'bench-pg100', gen_random_uuid(), 'bench', '{"user":"u-1234","action":"click","value":42}', '127.0.0.1', '\x00'
FROM generate_series(1, 100);
