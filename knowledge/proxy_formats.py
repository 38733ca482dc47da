"""Each proxy's form of a bypass: one record per format (renderer, label, file name, media type)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

SQUID_ACL = "pindesk_nobump"
FORTIOS_PROFILE = "custom-deep-inspection"  # the predefined profile FortiOS lets you edit
FORTIOS_NAME_LIMIT = 79  # characters of a firewall address name


def _marked(comments: list[str]) -> list[str]:
    """Comment lines in the '#' style that panos, squid and txt share."""
    return [f"# {line}" for line in comments]


def _apps_text(bypass) -> str:
    """The exported apps' names, for descriptions."""
    return ", ".join(app.name for app in bypass.apps)


def _bases(bypass, wildcard: bool) -> list[str]:
    """The bare names of the domain-and-subdomains entries (wildcard) or of the exact hosts."""
    return [entry.rule.base for entry in bypass.entries if entry.rule.wildcard == wildcard]


def txt(bypass):
    """One entry a line, with '#' comments."""
    return "\n".join(_marked(bypass.comments()) + [entry.pattern for entry in bypass.entries]), []


def csv_rows(bypass):
    """CSV with the header app,entry,kind and one row per entry; remarks go to the notes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["app", "entry", "kind"])
    writer.writerows(["; ".join(entry.apps), entry.pattern, entry.kind] for entry in bypass.entries)
    return out.getvalue().rstrip("\n"), bypass.comments()


def zia(bypass):
    """The body for Zscaler's POST /api/v1/urlCategories; the steps left go to the notes."""
    body = {"configuredName": bypass.name, "customCategory": True, "superCategory": "USER_DEFINED",
            "urls": [entry.pattern for entry in bypass.entries],
            "description": f"TLS-pinning apps, exempt from inspection (pindesk): {_apps_text(bypass)}"}
    steps = ["Next in ZIA: POST this body to https://<your ZIA API host>/api/v1/urlCategories,",
             f"then add an SSL inspection rule for the URL category {bypass.name!r} with action "
             "'Do Not Inspect' (Policy > SSL Inspection),",
             "then activate the changes (POST /api/v1/status/activate, or Activate in the portal)."]
    return json.dumps(body, indent=2), bypass.comments() + steps


def panos(bypass):
    """PAN-OS `set` commands for SSL decryption exclusions; '*' there stands for exactly one label."""
    lines = _marked(bypass.comments() + [
        "PAN-OS SSL decryption exclusions (Device > Certificate Management > SSL Decryption Exclusion).",
        "A '*' stands for exactly one label: *.example.com covers a.example.com, not a.b.example.com;",
        "add *.*.example.com where an app uses deeper names. Paste in configure mode, then commit.",
    ])
    for entry in bypass.entries:
        description = f"pindesk: {'; '.join(entry.apps)}"[:255]
        names = (entry.rule.base, f"*.{entry.rule.base}") if entry.rule.wildcard else (entry.rule.base,)
        lines += [f'set shared ssl-decrypt ssl-exclude-cert "{name}" description "{description}" exclude yes'
                  for name in names]
    return "\n".join(lines), []


def squid(bypass):
    """A squid ssl_bump fragment: peek at step 1, splice the exempt servers, bump the rest."""
    lines = _marked(bypass.comments() + [f"ssl_bump policy from pindesk for {_apps_text(bypass)}; "
                                         "include it after an http_port with ssl-bump."])
    lines += [f"acl {SQUID_ACL} ssl::server_name {entry.pattern}" for entry in bypass.entries]
    lines += ["acl step1 at_step SslBump1", "ssl_bump peek step1", f"ssl_bump splice {SQUID_ACL}",
              "ssl_bump bump all"]
    return "\n".join(lines), []


def mitmproxy(bypass):
    """A regular expression for --ignore-hosts, anchored on the whole `host:port`."""
    domains = "|".join(map(re.escape, _bases(bypass, True)))
    hosts = [re.escape(host) for host in _bases(bypass, False)]
    # a domain matches itself and any name below it, never a longer name that merely ends alike
    alternatives = ([rf"(?:[^.:]+\.)*(?:{domains})"] if domains else []) + hosts
    pattern = rf"^(?:{'|'.join(alternatives)})(?::\d+)?$"
    return pattern, bypass.comments() + [f"Use: mitmproxy --ignore-hosts '{pattern}'"]


def cloudflare(bypass):
    """A Cloudflare Gateway HTTP policy with the Do Not Inspect action ("off")."""
    domains, hosts = (" ".join(f'"{base}"' for base in _bases(bypass, wildcard)) for wildcard in (True, False))
    traffic = " or ".join(([f"any(http.conn.domains[*] in {{{domains}}})"] if domains else [])
                          + ([f"http.conn.hostname in {{{hosts}}}"] if hosts else []))
    policy = {"name": bypass.name, "description": f"Pinned apps (pindesk): {_apps_text(bypass)}",
              "action": "off", "enabled": True, "filters": ["http"], "traffic": traffic}
    steps = ["Next: POST this policy to https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/gateway/rules"]
    return json.dumps(policy, indent=2), bypass.comments() + steps


def fortios(bypass):
    """FortiOS CLI: an FQDN address per entry, each added to the ssl-exempt list of an SSL/SSH inspection profile."""
    names = []
    lines = ["config firewall address"]
    for entry in bypass.entries:
        base = entry.rule.base
        fqdns = (base, f"*.{base}") if entry.rule.wildcard else (base,)
        for fqdn in fqdns:
            name = f"pindesk-{fqdn.replace('*.', 'wildcard.')}"[:FORTIOS_NAME_LIMIT]
            names.append(name)
            lines += [f'    edit "{name}"', "        set type fqdn", f'        set fqdn "{fqdn}"', "    next"]
    lines += ["end", "config firewall ssl-ssh-profile", f'    edit "{FORTIOS_PROFILE}"', "        config ssl-exempt"]
    for name in names:
        lines += ["            edit 0", "                set type address", f'                set address "{name}"',
                  "            next"]
    lines += ["        end", "    next", "end"]
    steps = [f"Paste in the FortiGate CLI; replace {FORTIOS_PROFILE!r} with the SSL/SSH inspection profile your "
             "firewall policy uses (clone the read-only deep-inspection profile first).",
             "Exemptions apply with Full SSL Inspection; in proxy-based inspection an FQDN exemption works by IP "
             "address."]
    return "\n".join(lines), bypass.comments() + steps


@dataclass(frozen=True)
class ProxyFormat:
    """One export format: its name, how people know it, the renderer, and the file it downloads as."""

    name: str
    label: str
    render: Callable  # bypass -> (text for standard output, notes for standard error)
    filename: str
    media_type: str


FORMATS = {f.name: f for f in (
    ProxyFormat("zia", "Zscaler (URL category JSON)", zia, "pindesk-zia.json", "application/json"),
    ProxyFormat("panos", "Palo Alto (set commands)", panos, "pindesk-panos.txt", "text/plain"),
    ProxyFormat("squid", "Squid (ssl_bump splice)", squid, "pindesk-squid.conf", "text/plain"),
    ProxyFormat("mitmproxy", "mitmproxy (--ignore-hosts)", mitmproxy, "pindesk-mitmproxy.txt", "text/plain"),
    ProxyFormat("cloudflare", "Cloudflare Gateway (policy JSON)", cloudflare, "pindesk-cloudflare.json",
                "application/json"),
    ProxyFormat("fortios", "FortiGate (FortiOS CLI)", fortios, "pindesk-fortios.txt", "text/plain"),
    ProxyFormat("txt", "Plain list", txt, "pindesk-domains.txt", "text/plain"),
    ProxyFormat("csv", "CSV", csv_rows, "pindesk-domains.csv", "text/csv"),
)}
