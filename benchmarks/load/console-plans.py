#!/usr/bin/env python3
"""Reads the server log auto_explain wrote while `bench.sh --console --explain` fetched each console page once, and
prints, page by page (the benchmark's `SELECT 'console page: NAME'` markers separate them), each statement the
service ran with its time and the scans of its plan; then every Seq Scan on contacts or messages. Exit 1 if there
is one. Statements of the service's workers (outbox, webhooks) that ran meanwhile are listed where they fell."""
import re
import sys

HEAD = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[(\d+)\] \S*@\S* LOG:  duration: ([\d.]+) ms  plan:")
SCAN = re.compile(r"((?:Parallel )?(?:Seq|Index|Index Only|Bitmap Heap|Bitmap Index) Scan(?: Backward)?(?: using \S+)?(?: on \S+)?)")
SEQ = re.compile(r"(?:Parallel )?Seq Scan on (contacts|messages)\b")
MARK = re.compile(r"SELECT 'console page: (.*)'")


def entries(lines):
    cur = None
    for line in lines:
        m = HEAD.match(line)
        if m:
            if cur:
                yield cur
            cur = {"ms": float(m.group(2)), "lines": []}
        elif cur is not None and line.startswith("\t"):
            cur["lines"].append(line.rstrip("\n")[1:])
        elif cur is not None:
            yield cur
            cur = None
    if cur:
        yield cur


def main(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        plans = list(entries(f))
    pages = []
    for e in plans:
        text = e["lines"][0][len("Query Text: "):] if e["lines"] and e["lines"][0].startswith("Query Text: ") else "?"
        m = MARK.search(text)
        if m:
            pages.append((m.group(1), []))
        elif pages:
            pages[-1][1].append((e, text))
    if not pages:
        print("no page markers in the log: was the benchmark run with --markers, and is this the right PG_LOG?")
        return 2
    seq = []
    for name, stmts in pages:
        total = sum(e["ms"] for e, _ in stmts)
        print(f"\n== {name}: {len(stmts)} statements, {total:.1f} ms in PostgreSQL")
        for e, text in stmts:
            body = " ".join(l.strip() for l in e["lines"][1:])
            scans = sorted(set(s.strip() for s in SCAN.findall(body)))
            one = re.sub(r"\s+", " ", text)[:110]
            print(f"  {e['ms']:8.2f} ms  {one}")
            if scans:
                print(f"             {'; '.join(scans)}")
            for s in SEQ.findall(body):
                seq.append((name, s, one))
    print()
    if seq:
        print("Seq Scan on contacts or messages:")
        for name, table, text in seq:
            print(f"  {name}: {table}: {text}")
        return 1
    print("no Seq Scan on contacts or messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
