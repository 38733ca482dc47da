"""What a helpdesk behind each proxy should read for the three kinds of app: shared by every surface's tests.

For each profile: a phrase of the advice for Netflix (a cloud application, no hosts), for Signal (hosts only,
with the export inline) and for Microsoft 365 (a vendor-specific one-click remedy), the line the inline export
for Signal must hold, and the vendor's documentation site the links point to (host name, or its end).
"""
APPS = ("netflix", "signal", "microsoft-365")
QUERIES = {  # what a person types about each, answered with that app
    "netflix": "netflix on my iphone says currently unavailable",
    "signal": "signal messages stuck on the clock icon",
    "microsoft-365": "outlook keeps asking for the password from the office",
}

EXPECTED = {
    "zscaler": {
        "netflix": "SSL inspection rule for the cloud application Netflix with the action Do Not Inspect",
        "signal": "custom URL category and add an SSL inspection rule",
        "microsoft-365": "Office 365 One Click",
        "export": '"configuredName": "Do not inspect - Signal"',
        "site": "help.zscaler.com/",
    },
    "panos": {
        "netflix": "PAN-OS excludes servers from decryption by hostname",
        "signal": "Add Signal's hosts to PAN-OS' SSL decryption exclusions",
        "microsoft-365": "names no one-click setting for Microsoft 365",
        "export": 'set shared ssl-decrypt ssl-exclude-cert "*.signal.org"',
        "site": "docs.paloaltonetworks.com/",
    },
    "netskope": {
        "netflix": "Define Netflix as a certificate pinned application",
        "signal": "SSL Decryption policy with the action Do Not Decrypt",
        "microsoft-365": "names no one-click setting for Microsoft 365",
        "export": ".signal.org",
        "site": "docs.netskope.com/",
    },
    "squid": {
        "netflix": "Squid splices by server name",
        "signal": "Splice Signal's connections instead of bumping them",
        "microsoft-365": "names no one-click setting for Microsoft 365",
        "export": "acl pindesk_nobump ssl::server_name .signal.org",
        "site": "wiki.squid-cache.org/",
    },
    "mitmproxy": {
        "netflix": "mitmproxy ignores connections by host",
        "signal": "ignore_hosts option",
        "microsoft-365": "names no one-click setting for Microsoft 365",
        "export": r"signal\.org",
        "site": "docs.mitmproxy.org/",
    },
    "cloudflare": {
        "netflix": "Application selector names Netflix",
        "signal": "Gateway HTTP policy with the action Do Not Inspect for Signal's hosts",
        "microsoft-365": "names no one-click setting for Microsoft 365",
        "export": '"action": "off"',
        "site": "developers.cloudflare.com/",
    },
    "fortinet": {
        "netflix": "FortiGate exempts by address, wildcard FQDN or FortiGuard web category",
        "signal": "Exempt from SSL Inspection",
        "microsoft-365": "names no one-click setting for Microsoft 365",
        "export": 'set fqdn "*.signal.org"',
        "site": "fortinet.com/",
    },
    "checkpoint": {
        "netflix": "HTTPS Inspection rule with the action Bypass for Netflix",
        "signal": "HTTPS Inspection rule with the action Bypass for Signal's hosts",
        "microsoft-365": "names no one-click setting for Microsoft 365",
        "export": ".signal.org",
        "site": "checkpoint.com/",
    },
}
