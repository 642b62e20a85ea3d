package io.sipwarden.audit;

import io.sipwarden.detect.Finding.Severity;

/**
 * Every audit check: a stable id (never reused), its usual severity, why it matters and how to fix
 * it. The text here is what the reports print; docs/audit.md says the same at more length.
 */
public enum Rule {
    ENDPOINT_NO_ACL("SWA-101", Severity.MEDIUM, "endpoint with credentials has no permit/deny/acl",
            "Anyone on the Internet can try its password; Digium step 1 is to restrict each account to the networks it is used from.",
            "Add deny=0.0.0.0/0.0.0.0 and permit=<office or VPN network> (or acl=<named list>) to the endpoint/peer."),
    WEAK_SECRET("SWA-102", Severity.HIGH, "weak secret",
            "Password guessers (sipvicious svcrack, sipcrack) try short, single-class, name-derived and common secrets first; a cracked account places calls at your cost (step 3).",
            "Use a random secret of at least 12 characters mixing letters, digits and symbols, unrelated to the user name or extension."),
    USERNAME_IS_EXTENSION("SWA-103", Severity.LOW, "authentication user name equals the numeric extension",
            "Scanners enumerate numeric extensions (svwar) and then only have to guess the password (step 6).",
            "Use an authentication user name that is not the extension number (e.g. a random string)."),
    NO_CALL_LIMIT("SWA-104", Severity.LOW, "no call limit on the endpoint",
            "A hijacked account can run dozens of simultaneous fraudulent calls (step 5).",
            "Set device_state_busy_at (pjsip) or call-limit / callcounter+busylevel (chan_sip) to the number of calls the device really needs."),
    INSECURE_NON_TRUNK("SWA-105", Severity.HIGH, "insecure=invite/port on an endpoint that is not a trunk",
            "insecure=invite skips authentication of INVITEs: anyone who can reach the PBX calls as this peer.",
            "Remove insecure= from phones; keep it only on IP-authenticated provider trunks with a fixed host."),
    NO_AUTH_ENDPOINT("SWA-106", Severity.HIGH, "endpoint accepts requests without authentication",
            "An endpoint with neither a secret nor an IP identification can be used by anyone who knows its name.",
            "Give it an auth section / secret, or identify it by IP address (type=identify, host=<address>)."),
    ALWAYSAUTHREJECT_OFF("SWA-201", Severity.MEDIUM, "chan_sip alwaysauthreject is off",
            "Different answers for unknown and known users let scanners enumerate valid extensions (step 2).",
            "Set alwaysauthreject=yes in [general] of sip.conf."),
    ALLOWGUEST_ON("SWA-202", Severity.MEDIUM, "chan_sip accepts guest (unauthenticated) calls",
            "allowguest=yes (the default) sends INVITEs from anyone into the general context; whatever that context can dial, the world can dial (step 7).",
            "Set allowguest=no in [general] of sip.conf unless you need anonymous inbound calls; then make their context a dead end."),
    AUTOCREATEPEER_ON("SWA-203", Severity.CRITICAL, "chan_sip autocreatepeer is on",
            "Any device that registers becomes a peer without a password.",
            "Set autocreatepeer=no in [general] of sip.conf."),
    PJSIP_ANONYMOUS("SWA-204", Severity.MEDIUM, "pjsip endpoint named 'anonymous' accepts unauthenticated calls",
            "Requests that match no endpoint are handed to [anonymous] without authentication (step 7).",
            "Remove the anonymous endpoint, or point its context at a dead end that only reaches your own DIDs."),
    UNAUTH_OPTIONS("SWA-205", Severity.LOW, "allow_unauthenticated_options is on",
            "Answering OPTIONS without authentication confirms that endpoints exist, helping enumeration.",
            "Leave allow_unauthenticated_options at its default (no)."),
    CHAN_SIP_REMOVED("SWA-206", Severity.HIGH, "chan_sip configured",
            "chan_sip is deprecated since Asterisk 17 and removed in 21; on 21+ these peers do not exist, and below 21 it gets no security fixes.",
            "Migrate the peers to pjsip (sip_to_pjsip.py) and noload chan_sip.so."),
    AMI_OPEN("SWA-301", Severity.HIGH, "AMI user reachable from any address",
            "AMI is enabled on a non-local address and this user has no permit/deny: anyone can guess its secret and control the PBX (step 4).",
            "Bind AMI to 127.0.0.1 (bindaddr) or add deny=0.0.0.0/0.0.0.0 and permit=<management host> to every user."),
    AMI_WEAK_SECRET("SWA-302", Severity.HIGH, "weak AMI secret",
            "An AMI login with write access is full control of the PBX, including originating calls.",
            "Use a random secret of at least 12 characters, unique to this user."),
    AMI_POWERFUL_REMOTE("SWA-303", Severity.HIGH, "powerful AMI user reachable beyond localhost",
            "write=all/command/originate/system lets a stolen login run shell commands and place calls.",
            "Restrict the user with permit= to the hosts that need it, and grant only the write classes it uses."),
    AMI_WEB_PLAIN("SWA-304", Severity.MEDIUM, "AMI over HTTP without TLS",
            "webenabled=yes exposes manager logins over plain HTTP, so secrets cross the network in clear.",
            "Set webenabled=no, or enable TLS in http.conf (tlsenable=yes) and bind plain HTTP to 127.0.0.1."),
    HTTP_PLAIN("SWA-305", Severity.MEDIUM, "Asterisk HTTP server exposed without TLS",
            "The built-in HTTP server (ARI, AMI-over-HTTP, WebSocket) listens on a non-local address without TLS.",
            "Bind it to 127.0.0.1 (bindaddr) or set tlsenable=yes with a certificate."),
    ARI_PLAIN("SWA-306", Severity.MEDIUM, "ARI enabled over plain HTTP on a non-local address",
            "ARI users authenticate with HTTP basic auth; without TLS their passwords cross the network in clear.",
            "Enable TLS in http.conf or bind the HTTP server to 127.0.0.1."),
    ARI_WEAK_PASSWORD("SWA-307", Severity.HIGH, "weak ARI password",
            "An ARI user can originate calls and control channels.",
            "Use a random password of at least 12 characters (or password_format=crypt with a strong password)."),
    DEFAULT_NOT_DEAD_END("SWA-401", Severity.MEDIUM, "[default] context is not a dead end",
            "[default] is where chan_sip guests, pjsip endpoints without a context and IAX2 users land; anything it can reach, strangers can reach.",
            "Make [default] empty or let it only Hangup()/Congestion(); route real inbound calls from a dedicated context."),
    DEMO_INCLUDE("SWA-402", Severity.MEDIUM, "sample 'demo' context included",
            "The sample dialplan's demo context offers echo tests, voicemail and outbound examples to whoever reaches it.",
            "Remove include => demo (and the [demo] context) from extensions.conf."),
    GUEST_REACHES_TRUNK("SWA-403", Severity.CRITICAL, "unauthenticated caller can reach an outbound trunk",
            "Toll fraud: a stranger can place calls through your provider account.",
            "Remove the include/Goto that leads from the unauthenticated context to the outbound route, or disable guest/anonymous access."),
    GUEST_REACHES_INTERNATIONAL("SWA-404", Severity.CRITICAL, "unauthenticated caller can dial international or premium numbers",
            "The classic toll-fraud case: calls to premium or international destinations billed to you.",
            "Cut the path from the unauthenticated context to the trunk; restrict outbound patterns to the destinations you need."),
    AUTH_INTERNATIONAL_NO_PIN("SWA-405", Severity.MEDIUM, "authenticated context can dial international/premium without a PIN",
            "A single cracked phone account can run up international or premium-rate calls.",
            "Put international routes behind a PIN (Authenticate(), FreePBX pinsets) or remove them from phone contexts that do not need them."),
    UNUSED_PROTOCOL_MODULE("SWA-501", Severity.LOW, "protocol module loaded but not used",
            "A loaded channel driver opens a port (and attack surface) even with no peers configured.",
            "Add noload => <module>.so to modules.conf."),
    NO_SECURITY_LOG("SWA-601", Severity.MEDIUM, "security log channel not enabled",
            "Without a logger channel carrying 'security', failed logins are not logged in the security format and SIPWarden loses its fastest file source.",
            "Add security => security to [logfiles] in logger.conf (and run 'logger reload')."),
    CONFIG_EXEC("SWA-901", Severity.MEDIUM, "#exec in configuration",
            "#exec runs a program at every reload; its output is configuration the audit cannot see, and a writable script is a privilege escalation.",
            "Replace #exec with static #include files, or make sure the script is root-owned and reviewed."),
    CONFIG_UNREADABLE("SWA-902", Severity.LOW, "config file or include could not be read",
            "The audit could not check what it could not read; Asterisk may also be missing configuration you expect.",
            "Fix the path, permissions or content named in the message.");

    private final String id;
    private final Severity severity;
    private final String title;
    private final String why;
    private final String fix;

    Rule(String id, Severity severity, String title, String why, String fix) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.why = why;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String why() {
        return why;
    }

    public String fix() {
        return fix;
    }
}
