"""Server-side figures of one run from two scrapes of the API's /metrics: responses by status, and
the p99 of admitted (202) requests from the request-duration histogram (time inside the server,
from Kestrel's request start to the response; queueing before Kestrel reads a request is not in it)."""
import re
import sys

LINE = re.compile(r'^(\w+)\{([^}]*)\} ([0-9.eE+-]+)$')


def parse(text):
    series = {}
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
            series[(match.group(1), tuple(sorted(labels.items())))] = float(match.group(3))
    return series


before, after = parse(sys.argv[1]), parse(sys.argv[2])
delta = {key: value - before.get(key, 0) for key, value in after.items()}

by_status = {}
buckets = {}
for (name, labels), value in delta.items():
    labels = dict(labels)
    if name == 'http_server_request_duration_seconds_count':
        status = labels.get('http_response_status_code', '?')
        by_status[status] = by_status.get(status, 0) + value
    if name == 'http_server_request_duration_seconds_bucket' and labels.get('http_response_status_code') == '202':
        le = float('inf') if labels['le'] == '+Inf' else float(labels['le'])
        buckets[le] = buckets.get(le, 0) + value

for status in ('202', '429', '500', '503'):
    print(f"status_{status} {int(by_status.get(status, 0))}")
if buckets:
    total = buckets[float('inf')]
    p99 = next((le for le in sorted(buckets) if buckets[le] >= 0.99 * total), float('inf'))
    print(f"admitted_p99_ms_server {p99 * 1000 if p99 != float('inf') else -1:.1f}")
