"""Readers for logs written by others: PAN-OS decryption logs, Zscaler NSS web logs, Zeek's ssl.log."""
from __future__ import annotations

import calendar
import csv
import json
import re
import time

from .tally import OTHER, Tallies, alert_kind, kind_from_text

# PAN-OS decryption log (CSV, the order of the vendor's "Decryption Log Fields"): 0-based positions.
PANOS_TYPE, PANOS_GENERATED, PANOS_SOURCE = 3, 6, 7
PANOS_SNI, PANOS_ERROR = 63, 64
PANOS_TIME = re.compile(r"(\d{4})/(\d\d)/(\d\d) (\d\d):(\d\d):(\d\d)")
# Zscaler NSS web feed in the README's format: tab-separated name=value pairs.
NSS_FIELDS = ("epochtime", "cip", "host", "action", "cltsslfailreason", "cltsslfailcount")
NSS_NO_FAILURE = {"", "none", "na", "n/a", "-", "0"}
# Zeek ssl.log: the client's own alert shows as "L" in ssl_history (upper case is the client's side).
ZEEK_COLUMNS = {"ts", "id.orig_h", "server_name", "established", "ssl_history", "last_alert"}
ZEEK_ALERTS = {"unknown_ca": 48, "bad_certificate": 42, "certificate_unknown": 46}


def read_panos(lines, tallies: Tallies) -> None:
    """PAN-OS decryption logs: a row per session, its Error says which side broke off and why."""
    last_stamp = when = None
    for line in lines:
        if ",DECRYPTION," not in line:
            continue
        fields = next(csv.reader([line])) if '"' in line else line.split(",")
        if len(fields) <= PANOS_ERROR or fields[PANOS_TYPE] != "DECRYPTION":
            tallies.skip("PAN-OS row shorter than the decryption log format")
            continue
        if fields[PANOS_GENERATED] != last_stamp:  # rows come in bursts within one second: convert once
            last_stamp = fields[PANOS_GENERATED]
            stamp = PANOS_TIME.match(last_stamp)
            when = calendar.timegm(tuple(map(int, stamp.groups()))) if stamp else None
        client, sni, error = fields[PANOS_SOURCE], fields[PANOS_SNI], fields[PANOS_ERROR].strip()
        if not error or error.lower() == "none":
            tallies.ok(client, sni, when)
        elif "from client" in error.lower():
            tallies.fail(client, sni, when, kind_from_text(error))
        # errors from the server side (its certificate, its alerts) say nothing about the client


def read_zscaler(lines, tallies: Tallies) -> None:
    """Zscaler NSS web logs: transactions with the client's SSL failure reason and count, if any."""
    for line in lines:
        if "cltsslfailreason" not in line:
            continue
        if line.lstrip().startswith("{"):
            record = _json(line)
            record = record.get("event", record) if isinstance(record, dict) else None
        else:
            record = dict(part.split("=", 1) for part in line.split("\t") if "=" in part)
        if not isinstance(record, dict):
            tallies.skip("unreadable Zscaler record")
            continue
        when = _number(record.get("epochtime"))
        client, host = str(record.get("cip", "")), str(record.get("host", ""))
        reason = str(record.get("cltsslfailreason", "")).strip()
        if reason.lower() in NSS_NO_FAILURE:
            tallies.ok(client, host, when)
        else:
            count = int(_number(record.get("cltsslfailcount")) or 1)
            tallies.fail(client, host, when, kind_from_text(reason), max(count, 1))


def read_zeek(lines, tallies: Tallies) -> None:
    """Zeek's ssl.log, TSV with its #fields header or JSON lines: SNI, established, history, last alert."""
    columns, width = None, 0
    for line in lines:
        if line.startswith("#"):
            if line.startswith("#fields"):
                names = line.split("\t")[1:]
                # only the columns read, so a row becomes a small dict
                columns = {name: i for i, name in enumerate(names) if name in ZEEK_COLUMNS}
                width = len(names)
            continue
        if line.startswith("{"):
            record = _json(line)
            if not isinstance(record, dict):
                tallies.skip("unreadable Zeek record")
                continue
            _zeek_record(record, tallies)
        elif columns is not None:
            values = line.split("\t")
            if len(values) < width:
                tallies.skip("Zeek row shorter than its #fields")
                continue
            _zeek_record({name: values[i] for name, i in columns.items()}, tallies)


def _zeek_record(record: dict, tallies: Tallies) -> None:
    """Count one ssl.log connection."""
    client, sni = str(record.get("id.orig_h", "")), str(record.get("server_name") or "")
    when = _number(record.get("ts"))
    if sni in ("", "-"):
        tallies.skip("no server_name")
        return
    established = str(record.get("established", "")).lower() in ("t", "true")
    history = str(record.get("ssl_history") or "")
    alert = str(record.get("last_alert") or "-")
    if "L" in history:  # the client sent an alert
        tallies.fail(client, sni, when, alert_kind(ZEEK_ALERTS.get(alert, 0)) if alert != "-" else OTHER)
    elif established:
        tallies.ok(client, sni, when)
    elif "l" not in history:  # neither side alerted in the clear: TLS 1.3's encrypted alert, or a close
        tallies.fail(client, sni, when, OTHER)


def _json(line: str):
    """A JSON value, or None when the line is not JSON."""
    try:
        return json.loads(line)
    except ValueError:
        return None


def _number(value) -> float | None:
    """A number from a log field, or None."""
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        if isinstance(value, str) and value:
            try:
                return calendar.timegm(time.strptime(value.strip(), "%a %b %d %H:%M:%S %Y"))
            except ValueError:
                return None
        return None
