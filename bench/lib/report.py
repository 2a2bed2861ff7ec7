"""Prints the benchmark table and writes bench/results/run.json from the run's measurements.

Every target is a ratio to a ceiling measured in the same run where the issue names one, otherwise
the figure against the target's own bound; rows whose figures this run did not measure say so.
"""
import json
import os
import sys

measurements_path, out_path, meta_json = sys.argv[1], sys.argv[2], sys.argv[3]
m = json.load(open(measurements_path))
meta = json.loads(meta_json)

CEILINGS = [
    ("Kestrel: parse the 150-byte JSON", "ceiling.kestrel_parse.rps", "req/s"),
    ("Kestrel: parse + HS256 JWT", "ceiling.kestrel_jwt.rps", "req/s"),
    ("Kestrel: parse + JWT + one EVALSHA (StackExchange.Redis)", "ceiling.kestrel_jwt_redis.rps", "req/s"),
    ("redis-benchmark EVALSHA token bucket, 50 clients", "ceiling.redis_evalsha_p1.ops", "ops/s"),
    ("redis-benchmark EVALSHA token bucket, 50 clients, pipeline 16", "ceiling.redis_evalsha_p16.ops", "ops/s"),
    ("PostgreSQL 15 fsync on: 1 row per commit, 16 clients", "ceiling.pg_rows_per_commit_1.rows", "rows/s"),
    ("PostgreSQL 15 fsync on: 100 rows per commit, 16 clients", "ceiling.pg_rows_per_commit_100.rows", "rows/s"),
    ("PostgreSQL 15 fsync on: COPY", "ceiling.pg_copy.rows", "rows/s"),
    ("Original's design: our API, 1 commit + EVAL per request", "floor.floor.rps", "req/s"),
]

# (measure, figure key, unit, ceiling key or None, bound, kind, extra condition)
# kind: "min_ratio"/"max_ratio" compare figure/ceiling with bound; "max"/"min" compare the figure;
# "zero" wants the figure 0; "quote" has no bound.
TARGETS = [
    ("E2E accepted events/s / Kestrel JWT ceiling", "e2e.rps", "req/s", "ceiling.kestrel_jwt.rps", 0.40, "min_ratio", ("e2e.not_2xx", 0)),
    ("E2E p99 at 80 % of that rate (open loop)", "e2e.open.p99_ms", "ms", None, 20.0, "max", ("e2e.open.not_2xx", 0)),
    ("E2E fallback share (decisions not from Redis)", "e2e.limiter_fallback_share", "", None, 0, "zero", None),
    ("429 path CPU per request / bare JWT endpoint", "limiter.refused.cpu_us", "us", "limiter.jwt_fixed_rate.cpu_us", 1.1, "max_ratio", None),
    ("Admitted path CPU per request / JWT + EVALSHA ceiling", "e2e.cpu_us", "us", "ceiling.kestrel_jwt_redis.cpu_us", 1.2, "max_ratio", None),
    ("Limiter decision p99 at 10,000/s (open loop)", "limiter.open_10k.p99_ms", "ms", None, 2.0, "max", ("limiter.open_10k.short", 0)),
    ("Limiter rate held at p99 < 5 ms / redis-benchmark EVALSHA", "limiter.max_rate_p99_5ms.rate", "dec/s", "ceiling.redis_evalsha_p1.ops", 1.5, "min_ratio", None),
    ("Overload wave to 2x saturation: decisions not from Redis", "overload.limiter_fallback_share", "", None, 0, "zero", None),
    ("Overload: admitted beyond an ideal bucket (all clients)", "overload.over_admitted", "req", None, 0, "zero", None),
    ("Overload: responses 500", "overload.status_500", "", None, 0, "zero", None),
    ("Overload: admitted (202) p99 inside the server", "overload.admitted_p99_ms_server", "ms", None, 50, "max", None),
    ("AppHost topology: decisions not from Redis (all replicas)", "apphost.limiter_fallback_share", "", None, 0, "zero", None),
    ("AppHost topology: --check at 500/s, over-admitted", "apphost.check_500.over_admitted", "req", None, 0, "zero", None),
    ("AppHost topology: --check at 2,000/s, over-admitted", "apphost.check_2000.over_admitted", "req", None, 0, "zero", None),
    ("AppHost topology: --check at 5,000/s, over-admitted", "apphost.check_5000.over_admitted", "req", None, 0, "zero", None),
    ("Batch of 100: events stored/s", "batch.events_per_s", "ev/s", None, 150000, "min", None),
    ("API working set under full load, max", "memory.working_set_max_mb", "MB", None, 300, "max", None),
    ("API working set growth, last vs first third", "memory.working_set_growth_pct", "%", None, 10, "max", None),
    ("Redis buckets left after TTL (of 10,000)", "redis.idle_buckets_left", "keys", None, 0, "zero", None),
    ("Peer, admitted: ours / RedisRateLimiting req/s", "peer.ours.admitted.rps", "req/s", "peer.peer.admitted.rps", 1.0, "min_ratio", None),
    ("Peer, refused: ours / RedisRateLimiting req/s", "peer.ours.refused.rps", "req/s", "peer.peer.refused.rps", 1.0, "min_ratio", None),
    ("Group commit + EVALSHA / original's design", "e2e.rps", "req/s", "floor.floor.rps", None, "quote", None),
    ("Growth, batch: stored/s after preload / empty", "growth.preloaded.batch.events_per_s", "ev/s", "growth.empty.batch.events_per_s", 0.8, "min_ratio", None),
    ("Growth, single: stored/s after preload / empty", "growth.preloaded.single.events_per_s", "ev/s", "growth.empty.single.events_per_s", 0.8, "min_ratio", None),
]


def fmt(value, unit=""):
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    return f"{text} {unit}".strip()


rows = []
for measure, key, unit, ceiling_key, bound, kind, condition in TARGETS:
    figure, ceiling = m.get(key), m.get(ceiling_key) if ceiling_key else None
    ratio = None
    if figure is not None:
        if ceiling_key:
            ratio = figure / ceiling if ceiling else None
        elif bound:
            ratio = figure / bound
    if figure is None or (ceiling_key and ceiling is None):
        result = "not run"
    elif kind == "quote":
        result = "quoted"
    else:
        ok = {
            "min_ratio": lambda: ratio >= bound,
            "max_ratio": lambda: ratio <= bound,
            "max": lambda: figure < bound,
            "min": lambda: figure >= bound,
            "zero": lambda: figure == 0,
        }[kind]()
        if condition and m.get(condition[0], condition[1]) != condition[1]:
            ok = False
            measure += f" [{condition[0]}={m[condition[0]]:g}]"
        result = "pass" if ok else "MISS"
    target = {
        "min_ratio": lambda: f">= {bound:.2f}x", "max_ratio": lambda: f"<= {bound:.2f}x", "max": lambda: f"< {fmt(bound, unit)}",
        "min": lambda: f">= {fmt(bound, unit)}", "zero": lambda: "0", "quote": lambda: "quote",
    }[kind]()
    rows.append(dict(measure=measure, figure=figure, unit=unit, ceiling=ceiling, ceiling_key=ceiling_key,
                     ratio=None if ratio is None else round(ratio, 3), target=target, result=result))

width = max(len(r["measure"]) for r in rows) + 2
print(f"\nCeilings, this run (load average {meta['load_before']} before, {meta['load_after']} after, {meta['cores']} cores)")
for name, key, unit in CEILINGS:
    print(f"  {name:<64}{fmt(m.get(key), unit):>18}")
print(f"\n{'measure':<{width}}{'figure':>16}{'ceiling':>16}{'ratio':>9}  {'target':<16}result")
for r in rows:
    ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x" if r["ceiling_key"] else f"{r['ratio']:.2f}"
    print(f"{r['measure']:<{width}}{fmt(r['figure'], r['unit']):>16}{fmt(r['ceiling'], r['unit']):>16}{ratio:>9}  {r['target']:<16}{r['result']}")
print("ratio: figure / ceiling where a ceiling is named, else figure / the target's bound")
if "e2e.limiter_fallback_share" in m:
    print(f"e2e: {m['e2e.limiter_fallback_share'] * 100:.2f} % of limiter decisions did not come from Redis (local bucket, failed open or closed)")
if "e2e.warmup_s" in m:
    print(f"e2e: measured after {m['e2e.warmup_s']:,.0f} s of warm-up load, when the fresh API's JIT had settled "
          f"(fewer than {os.environ.get('WARMUP_SETTLED_METHODS', '100')} methods compiled in 5 s, at most {os.environ.get('WARMUP_MAX', '60')} s)")
if "limiter.max_rate_p99_5ms.rate" in m:
    print(f"limiter: highest open-loop rate with p99 < 5 ms and every decision from Redis: {m['limiter.max_rate_p99_5ms.rate']:,.0f}/s"
          + (f"; first miss at {m['limiter.sweep_first_miss.rate']:,.0f}/s (held {m['limiter.sweep_first_miss.achieved']:,.0f}/s, p99 {m['limiter.sweep_first_miss.p99_ms']:.1f} ms)"
             if "limiter.sweep_first_miss.rate" in m else ""))
if "overload.saturation_rps" in m:
    print(f"overload: after {m.get('overload.warmup_s', 0):,.0f} s of warm-up; saturation {m['overload.saturation_rps']:,.0f} req/s; "
          f"limits {m.get('overload.limit_capacity', 0):,.0f} and {m.get('overload.limit_refill', 0):,.0f}/s per client; answered {m.get('overload.answered_rps', 0):,.0f}/s; "
          f"202 {m.get('overload.status_202', 0):,.0f}, 429 {m.get('overload.status_429', 0):,.0f}, 503 shed {m.get('overload.status_503', 0):,.0f}; "
          f"p99 of every answer from the schedule {m.get('overload.p99_ms_all', 0):,.0f} ms (the generator's own queueing included)")
if m.get("e2e.open.accepted_p99_ms") is not None:
    print(f"e2e open loop: p99 of the accepted requests alone {m['e2e.open.accepted_p99_ms']:,.1f} ms "
          f"({m.get('e2e.open.not_2xx', 0):,.0f} answered otherwise, most of them shed with 503)")
if m.get("overload.accepted_p99_ms_generator") is not None:
    print(f"overload wave: p99 of the accepted requests as the generator saw them {m['overload.accepted_p99_ms_generator']:,.1f} ms "
          f"(from schedule, so including time in socket buffers; the row above is inside the server)")
if "e2e.open.generator_cpu_us" in m:
    print(f"e2e open loop: the generator (LoadGen --raw-http1) spent {m['e2e.open.generator_cpu_us']:,.0f} us of CPU per request sent, "
          f"the API {m.get('e2e.open.api_cpu_us', 0):,.0f} us")
if "e2e.open_httpclient.p99_ms" in m:
    print(f"e2e open loop through LoadGen's HttpClient path instead: p99 {m['e2e.open_httpclient.p99_ms']:,.1f} ms "
          f"({m.get('e2e.open_httpclient.not_2xx', 0):,.0f} not accepted), the generator {m.get('e2e.open_httpclient.generator_cpu_us', 0):,.0f} us "
          f"per request, the API {m.get('e2e.open_httpclient.api_cpu_us', 0):,.0f} us")
if "growth.preloaded_rows" in m:
    print(f"growth: {m['growth.preloaded_rows']:,.0f} rows preloaded ({m['growth.events_bytes'] / 1e9:.2f} GB of events partitions)"
          f" at {m['growth.preload_rows_per_s']:,.0f} rows/s")
if "limiter.open_10k.decisions_per_s" in m:
    print(f"limiter harness held {m['limiter.open_10k.decisions_per_s']:,.0f} decisions/s of the 10,000 asked")

json.dump(dict(meta=meta, measurements=m, ceilings=[dict(measure=n, key=k, unit=u, value=m.get(k)) for n, k, u in CEILINGS],
               targets=rows), open(out_path, "w"), indent=2)
print(f"written: {out_path}")
