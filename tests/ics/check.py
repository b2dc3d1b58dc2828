"""Checks of an exported iCalendar file with Debian's python3-icalendar, for
tests/ics/run.sh (run it with /usr/bin/python3: that is where the module is).

  check.py dump FILE.ics
      one line per VEVENT, "UID START END SUMMARY ALARMS" (tab-separated,
      times as UTC seconds), as readback.c prints them; exit 1 on a parse
      error.
  check.py expect TIMELINE.tsv
      the "UID START END SUMMARY" lines the export of that timeline
      (needlecare timeline --format tsv, local times in $TZ) must give.
  check.py format FILE.ics 'YYYY-MM-DD HH:MM'
      the octets: CRLF everywhere, no line over 75 octets, no fold inside a
      UTF-8 sequence; the calendar's header; in every event DTSTAMP the given
      local moment in UTC, and the practitioner's line in the DESCRIPTION.
Problems go to standard error, one a line; the exit status is 1 if any.
"""
import sys
import time

from icalendar import Calendar

PRACTITIONER = "These are general defaults: your practitioner's instructions come first."


def fail(problems):
    for p in problems[:20]:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def parse(path, problems):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    for c in cal.walk():
        for prop, err in c.errors:
            problems.append(f"{c.name}: {prop}: {err}")
    return cal


def seconds(dt):
    if dt.utcoffset() is None or dt.utcoffset().total_seconds() != 0:
        raise ValueError(f"{dt} is not in UTC")
    return int(dt.timestamp())


def dump(path):
    problems = []
    cal = parse(path, problems)
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("dtstart")
        end = ev.decoded("dtend") if "DTEND" in ev else start + ev.decoded("duration")
        alarms = sum(1 for c in ev.subcomponents if c.name == "VALARM")
        print(f"{ev['uid']}\t{seconds(start)}\t{seconds(end)}\t{ev['summary']}\t{alarms}")
    return fail(problems)


def local(s):
    return int(time.mktime(time.strptime(s, "%Y-%m-%d %H:%M")))


def expect(tsv):
    with open(tsv, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    several = len({r[6] for r in rows}) > 1
    for start, end, ident, _kind, _phase, title, session in rows:
        summary = f"Session {session}: {title}" if several else title
        s = local(start)
        e = local(end) if end else s
        print(f"session-{session}-{ident}@needlecare\t{s}\t{e}\t{summary}")
    return 0


def check_format(path, now):
    problems = []
    with open(path, "rb") as f:
        data = f.read()
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            problems.append(f"line {n}: a CR or LF that is not a CRLF")
        if len(line) > 75:
            problems.append(f"line {n}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {n}: not UTF-8 on its own: a fold splits a character")
    head = [b"BEGIN:VCALENDAR", b"VERSION:2.0"]
    if lines[:2] != head:
        problems.append(f"the file starts with {lines[:2]}")
    for want in (b"CALSCALE:GREGORIAN", b"METHOD:PUBLISH"):
        if want not in lines:
            problems.append(f"no {want.decode()}")
    if not any(line.startswith(b"PRODID:") for line in lines):
        problems.append("no PRODID")
    cal = parse(path, problems)
    stamp = local(now)
    for ev in cal.walk("VEVENT"):
        uid = ev["uid"]
        got = seconds(ev.decoded("dtstamp"))
        # --now starts a clock that runs on: a few seconds may pass.
        if not stamp <= got < stamp + 60:
            problems.append(f"{uid}: DTSTAMP {ev['dtstamp'].to_ical()} is not {now}")
        if not str(ev.get("description", "")).endswith(PRACTITIONER):
            problems.append(f"{uid}: the DESCRIPTION does not end with the practitioner's line")
    return fail(problems)


def main(argv):
    if len(argv) == 3 and argv[1] == "dump":
        return dump(argv[2])
    if len(argv) == 3 and argv[1] == "expect":
        return expect(argv[2])
    if len(argv) == 4 and argv[1] == "format":
        return check_format(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
