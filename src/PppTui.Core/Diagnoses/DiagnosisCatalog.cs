using System.Buffers;

namespace PppTui.Core.Diagnoses;

/// <summary>
/// Turns pppd, pptp, chat and pppoe log messages and pppd exit statuses into plain-language
/// diagnoses with a fix (the table in PPPD-NOTES.md). Used to mark log lines and to explain a
/// failed connection attempt.
/// </summary>
/// <remarks>
/// Matching is cheap for the common case: one vectorised search for any rule keyword decides
/// whether a message can carry a diagnosis at all; only then are the rules' regexes tried.
/// </remarks>
public static partial class DiagnosisCatalog
{
    /// <summary>The diagnosis of one log message (without its syslog prefix), or null when the message carries none.</summary>
    public static Diagnosis? MatchLine(string message, DiagnosisContext? context = null)
    {
        if (!message.AsSpan().ContainsAny(Keywords)) return null;
        // The cached diagnoses are worded in one language: a switch of language starts afresh.
        if (!ReferenceEquals(_cachedLanguage, UiLanguage.Current)) { LineCache.Clear(); _cachedLanguage = UiLanguage.Current; }
        if (context is null && LineCache.TryGetValue(message, out var cached)) return cached;
        var rule = FindRule(message, out var match);
        var diagnosis = rule?.Build(match!, message, context ?? Empty);
        if (context is null)
        {
            // Logs repeat the same few messages ("Modem hangup", "LCP: timeout ..."): building each
            // diagnosis once keeps a long scan from allocating per line. Bounded: cleared when full.
            if (LineCache.Count >= 4096) LineCache.Clear();
            LineCache.TryAdd(message, diagnosis);
        }
        return diagnosis;
    }

    private static string _cachedLanguage = UiLanguage.English;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Diagnosis?> LineCache = new(StringComparer.Ordinal);

    /// <summary>True when <see cref="MatchLine"/> would return a diagnosis; allocates nothing for the usual non-matching line.</summary>
    public static bool HasDiagnosis(ReadOnlySpan<char> message) =>
        message.ContainsAny(Keywords) && FindRule(message.ToString(), out _) is not null;

    /// <summary>What a pppd exit status means and what to do about it; every status 0..21 has its own entry.</summary>
    public static Diagnosis ForExitStatus(int status, DiagnosisContext? context = null)
    {
        var ctx = context ?? Empty;
        var (code, severity, cause, fix) = ExitText(status, ctx);
        return new Diagnosis(code, severity, cause, fix, $"pppd exit status {status}", status);
    }

    /// <summary>
    /// The best explanation of an attempt from its log messages (in order) and pppd's exit status.
    /// The most specific line wins over the exit status (MS-CHAP error 691 over status 19);
    /// among equally specific lines the earliest wins (the first failure is usually the cause,
    /// later ones its echo); IPv6 set-up noise never wins; a PPTP control connection that was
    /// established ("Outgoing call established") followed by an LCP timeout is diagnosed as GRE
    /// being blocked.
    /// </summary>
    public static Diagnosis Explain(IReadOnlyList<string> messages, int? exitStatus, DiagnosisContext? context = null)
    {
        var ctx = context ?? Empty;
        Diagnosis? best = null;
        int bestRank = int.MinValue;
        Diagnosis? exitMatch = null;
        int exitMatchRank = int.MinValue;
        Diagnosis? warning = null;
        int warningRank = int.MinValue;
        bool pptpCallEstablished = false;

        foreach (var message in messages)
        {
            if (message.Contains("Outgoing call established", StringComparison.Ordinal)) pptpCallEstablished = true;
            var rule = FindRule(message, out var match);
            if (rule is null || rule.NeverWins) continue;
            var diagnosis = rule.Build(match!, message, ctx);
            var rank = rule.Rank;
            if (rule.Code == "lcp-timeout" && pptpCallEstablished)
            {
                diagnosis = GreBlocked(message, ctx);
                rank = GreBlockedRank;
            }
            if (diagnosis.Severity == DiagnosisSeverity.Failure && rank > bestRank) { best = diagnosis; bestRank = rank; }
            if (exitStatus is { } exited && rule.ExitStatus == exited && rank > exitMatchRank) { exitMatch = diagnosis; exitMatchRank = rank; }
            if (diagnosis.Severity == DiagnosisSeverity.Warning && rank > warningRank) { warning = diagnosis; warningRank = rank; }
        }

        var chosen = best ?? exitMatch;
        if (chosen is null && exitStatus is { } status && status != 0) return ForExitStatus(status, ctx);
        chosen ??= warning;
        if (chosen is not null) return exitStatus is null ? chosen : chosen with { ExitStatus = exitStatus };
        if (exitStatus is { } ok) return ForExitStatus(ok, ctx);
        return new Diagnosis("no-diagnosis", DiagnosisSeverity.Info,
            Msg.T("Nothing in these log lines explains a failure."),
            Msg.F("Add `debug` to the peers file{0}, connect again and read the whole log with `ppptui logs{1}`.",
                ctx.ProfileName is { } profile ? " " + SystemPaths.PeerSystemPath(profile) : "", ctx.ProfileName is { } name ? " " + name : ""),
            null, null);
    }

    /// <summary>Every line diagnosis code the catalog can produce (for documentation and tests).</summary>
    public static IReadOnlyList<string> LineCodes => Rules.Select(rule => rule.Code).Append("gre-blocked").Distinct().ToList();

    private static readonly DiagnosisContext Empty = new();

    // "No response to N echo-requests": pppd sent N keepalives (LCP echo requests), one every
    // lcp-echo-interval seconds, and none came back. Said in seconds, the user can tell a server
    // that went away from a link that is merely slow, and see which number to change.
    private static (string Cause, string Fix) KeepalivesText(Match match, DiagnosisContext ctx)
    {
        var missed = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var failure = ctx.LcpEchoFailure ?? missed;
        var peers = Peers(ctx);
        if (ctx.LcpEchoInterval is not { } interval)
            return (Msg.F("The peer stopped answering keepalives: {0} LCP echo requests in a row went unanswered (the link was up, then the other end went silent).", missed),
                Msg.F("Check the path to the server (a NAT or firewall dropping the tunnel's state, a server restart, a lost uplink). If the link is merely slow at times, set `lcp-echo-interval` and a larger `lcp-echo-failure` in {0} so pppd waits longer; `persist` redials automatically.", peers));
        var seconds = (long)missed * interval;
        var longer = Math.Max(failure * 2, failure + 4);
        return (Msg.F("The peer stopped answering keepalives after {0} x {1} seconds: pppd sends an LCP echo request every {1} s (lcp-echo-interval {1}) and gives up after {2} unanswered (lcp-echo-failure {2}), so the other end was silent for about {3} s.",
                missed, interval, failure, seconds),
            Msg.F("Check the path to the server (a NAT or firewall dropping the tunnel's state, a server restart, a lost uplink). If the link is only slow at times, wait longer before giving up: `lcp-echo-failure {0}` in {1} (about {2} s); `persist` redials automatically after a drop.",
                longer, peers, (long)longer * interval));
    }

    private static Rule? FindRule(string message, out Match? match)
    {
        match = null;
        var span = message.AsSpan();
        if (!span.ContainsAny(Keywords)) return null;
        foreach (var rule in Rules)
        {
            if (!span.Contains(rule.Keyword, StringComparison.Ordinal)) continue;
            var candidate = rule.Regex.Match(message);
            if (!candidate.Success) continue;
            match = candidate;
            return rule;
        }
        return null;
    }

    private const int GreBlockedRank = 90;

    private static Diagnosis GreBlocked(string evidence, DiagnosisContext ctx) => new(
        "gre-blocked", DiagnosisSeverity.Failure,
        Msg.F("The PPTP control connection to {0} worked (TCP port 1723), but no PPP packet came back through the tunnel: GRE (IP protocol 47) is blocked or broken by a firewall or NAT on the way.", Server(ctx)),
        Msg.T("Allow GRE (IP protocol 47) in both directions on every firewall between here and the server; behind NAT enable the PPTP/GRE helper (nf_conntrack_pptp) or pass-through on the router."),
        evidence, 10);

    private static (string, string) IpsecPskWrongText(DiagnosisContext ctx) => (
        Msg.F("The IPsec server {0} rejected the pre-shared key (IKE could not decrypt or authenticate): the PSK is wrong.", Server(ctx)),
        Msg.F("Set the key the server expects: ppptui set {0} --psk-stdin, then apply and connect again.", ctx.ProfileName ?? "NAME"));

    private static string Server(DiagnosisContext ctx) => ctx.Server ?? Msg.T("the server");
    private static string Who(DiagnosisContext ctx) => ctx.User ?? Msg.T("our user name");
    private static string Secrets(DiagnosisContext ctx, string fallback = SystemPaths.ChapSecretsSystemPath) => ctx.SecretsPath ?? fallback;
    private static string Peers(DiagnosisContext ctx) => ctx.ProfileName is { } profile ? SystemPaths.PeerSystemPath(profile) : Msg.T("the peers file");
    private static string Account(DiagnosisContext ctx) =>
        ctx.User is { } user ? $"{user}/{ctx.RemoteName ?? ctx.ProfileName ?? "*"}" : Msg.T("this connection");

    private sealed record Rule(
        string Code,
        DiagnosisSeverity Severity,
        int Rank,
        string Keyword,
        Regex Regex,
        Func<Match, DiagnosisContext, (string Cause, string Fix)> Text,
        int? ExitStatus = null,
        bool NeverWins = false)
    {
        public Diagnosis Build(Match match, string message, DiagnosisContext ctx)
        {
            var (cause, fix) = Text(match, ctx);
            return new Diagnosis(Code, Severity, cause, fix, message, ExitStatus);
        }
    }

    private static Rule LineRule(string code, DiagnosisSeverity severity, int rank, string keyword, Regex regex,
        Func<Match, DiagnosisContext, (string, string)> text, int? exit = null, bool neverWins = false) =>
        new(code, severity, rank, keyword, regex, text, exit, neverWins);

    private const DiagnosisSeverity Failure = DiagnosisSeverity.Failure;
    private const DiagnosisSeverity Warning = DiagnosisSeverity.Warning;
    private const DiagnosisSeverity Info = DiagnosisSeverity.Info;

    // Order matters only where two rules can match the same message: the more specific rule
    // comes first. Rank decides which line explains a whole attempt (Explain).
    private static readonly Rule[] Rules =
    [
        LineRule("no-kernel-ppp", Failure, 100, "/dev/ppp", NoDevPpp(), (match, _) => (
            Msg.F("This system has no usable PPP support in the kernel: pppd could not open /dev/ppp ({0}).", match.Groups[1].Value),
            Msg.T("Load the module (`modprobe ppp_generic`), create the device if it is missing (`mknod /dev/ppp c 108 0`), or in a container pass /dev/ppp through.")), 4),
        LineRule("no-kernel-ppp", Failure, 100, "ppp_generic", LoadPppGeneric(), (_, _) => (
            Msg.T("The PPP kernel module is not loaded."), Msg.T("Run `modprobe ppp_generic` (and add ppp_generic to /etc/modules to load it at boot).")), 4),
        LineRule("no-kernel-ppp", Failure, 100, "lacks PPP kernel support", LacksPpp(), (_, _) => (
            Msg.T("This kernel has no PPP support."), Msg.T("Use a kernel with PPP (CONFIG_PPP, ppp_generic); in a container, run the link on the host.")), 4),
        LineRule("no-kernel-ppp", Failure, 100, "/dev/ppp device node", CreateDevPpp(), (_, _) => (
            Msg.T("The /dev/ppp device node does not exist."), Msg.T("Create it with `mknod /dev/ppp c 108 0` (or load ppp_generic so udev creates it).")), 4),
        LineRule("no-ppp-async", Failure, 100, "PPP discipline", TtyDiscipline(), (match, _) => (
            Msg.F("pppd could not switch the serial line to PPP ({0}): the ppp_async module is probably missing.", match.Groups[1].Value),
            Msg.T("Run `modprobe ppp_async` (ppp_synctty for synchronous lines).")), 1),
        LineRule("unrecognized-option", Failure, 100, "unrecognized option", UnrecognizedOption(), (match, ctx) => (
            match.Groups[2].Success
                ? Msg.F("pppd does not know the option '{0}' in {1}.", match.Groups[3].Value, match.Groups[2].Value)
                : Msg.F("pppd does not know the option '{0}'.", match.Groups[3].Value),
            Msg.T("Fix the spelling, remove an option meant for another pppd version or a missing plugin, or for PPPoE check that the interface name exists (`ip link`).")), 2),
        LineRule("option-needs-root", Failure, 100, "requires root privilege", NeedsRootOption(), (match, ctx) => (
            Msg.F("The option '{0}' is privileged and was given where pppd does not trust it (the command line or a `file` as a non-root user).", match.Groups[1].Value),
            Msg.F("Move the option into {0} and start the link with `pppd call {1}`, or run as root.", Peers(ctx), ctx.ProfileName ?? "NAME")), 2),
        LineRule("option-locked", Warning, 50, "cannot be overridden", OptionLocked(), (match, _) => (
            Msg.F("The option '{0}' was fixed by root in {1} and this value is ignored.", match.Groups[1].Value, match.Groups[2].Value),
            Msg.F("Change it in {0} (as root) rather than here.", match.Groups[2].Value)), 2),
        LineRule("option-disabled", Warning, 50, "option is disabled", OptionDisabled(), (match, _) => (
            Msg.F("The option '{0}' is disabled on this system.", match.Groups[1].Value),
            Msg.T("Remove it, or ask the administrator why /etc/ppp/options disables it.")), 2),
        LineRule("peer-auth-required", Failure, 100, "is required to authenticate itself", PeerAuthRequired(), (_, ctx) => (
            Msg.T("pppd requires the server to authenticate itself (the `auth` option, usually from /etc/ppp/options), but it has no secret to check the server with."),
            Msg.F("Add `noauth` to {0} (a client normally does not authenticate the server).", Peers(ctx))), 1),
        LineRule("device-locked", Failure, 100, "is locked by pid", DeviceLocked(), (match, _) => (
            Msg.F("The port {0} is in use by process {1}.", match.Groups[1].Value, match.Groups[2].Value),
            Msg.F("Stop that process (often ModemManager or another pppd); if it no longer exists, remove the stale lock /var/lock/LCK..{0}.", Path.GetFileName(match.Groups[1].Value))), 6),
        LineRule("device-locked", Failure, 100, "Can't create lock file", CantCreateLock(), (match, _) => (
            Msg.F("pppd could not create the lock file {0}.", match.Groups[1].Value),
            Msg.T("Run as root, or check that /var/lock (/run/lock) exists and is writable.")), 6),
        LineRule("port-open-failed", Failure, 80, "Failed to open", FailedToOpen(), (match, _) => (
            Msg.F("pppd could not open {0}: {1}.", match.Groups[1].Value, match.Groups[2].Value),
            Msg.T("Check that the device exists (`ls -l` it; USB modems change names) and that nothing else holds it (ModemManager: `systemctl stop ModemManager`).")), 7),
        LineRule("connect-script-failed", Failure, 40, "Connect script failed", ConnectScriptFailed(), (_, ctx) => (
            Msg.T("The connect script (chat) failed: the modem did not answer as the script expected."),
            Msg.F("Read the chat lines just before this one (add -v to the chat command in {0} to see them).", Peers(ctx))), 8),
        LineRule("init-script-failed", Failure, 40, "Initializer script failed", InitScriptFailed(), (_, ctx) => (
            Msg.T("The init script failed before dialling."), Msg.F("Check the `init` command in {0} and run it by hand.", Peers(ctx))), 18),
        LineRule("looped-back", Failure, 100, "looped back", LoopedBack(), (_, _) => (
            Msg.T("The serial line is looped back: the modem echoes what pppd sends, so it is still in command mode, not in data mode."),
            Msg.T("Fix the chat script so it waits for CONNECT, and check the dial string; with a null-modem cable check the other end runs pppd.")), 17),
        LineRule("lcp-timeout", Failure, 60, "timeout sending Config-Requests", ConfigRequestTimeout(), (match, ctx) => (
            Msg.F("No PPP reply from the other end: {0} timed out sending Config-Requests.", match.Groups[1].Value),
            Msg.T("For PPTP: GRE (IP protocol 47) is blocked or broken by NAT on the way; for a modem: wrong dial string or APN; for PPPoE: the access concentrator stopped answering.")), 10),
        LineRule("modem-hangup", Failure, 20, "Modem hangup", ModemHangup(), (_, ctx) => ctx is { IsPptp: true, Server: { } server }
            // pptp runs one control connection per server for every call to it: when another
            // profile's call there fails or hangs up, the connection can close under this one too.
            ? (Msg.F("The PPTP call closed: pptp's control connection to {0} ended. pptp shares that connection with every profile dialing {0}, so another one failing or hanging up there (a wrong password) takes this link down with it.", server),
               Msg.F("Dial one profile per PPTP server at a time; 'ppptui status' shows which other link uses {0}, and 'ppptui explain' on it says why it failed. With persist, pppd redials by itself.", server))
            : (Msg.T("The device closed: carrier lost, or the helper program (pptp, pppoe) exited."),
               Msg.T("Read the pptp/pppoe/chat lines just before this one for the reason.")), 16),
        LineRule("peer-dead", Failure, 80, "echo-requests", NoEchoResponse(), KeepalivesText, 15),
        LineRule("peer-dead", Failure, 70, "Serial link appears to be disconnected", LinkDisconnected(), (_, _) => (
            Msg.T("The link appears to be dead: the peer stopped answering LCP echo requests."),
            Msg.T("Check the network path to the server; raise lcp-echo-failure for flaky links; `persist` redials automatically.")), 15),
        LineRule("peer-refused-auth", Failure, 100, "peer refused to authenticate", PeerRefusedAuth(), (_, ctx) => (
            Msg.T("pppd asked the server to authenticate itself and the server refused."),
            Msg.F("Add `noauth` to {0}.", Peers(ctx))), 11),
        LineRule("no-chap-secret", Failure, 100, "No CHAP secret found for authenticating us", NoChapSecret(), (match, ctx) => (
            Msg.F("No line in {0} gives a password for {1} to log in to '{2}'.", Secrets(ctx), Who(ctx), match.Groups[1].Value),
            Msg.F("Add a line `{0} {1} PASSWORD *` to {2}; the first field must equal `name`/`user` and the second `remotename` (or `*`).",
                ctx.User ?? "USER", match.Groups[1].Value.Length > 0 ? match.Groups[1].Value : "*", Secrets(ctx))), 19),
        LineRule("no-pap-secret", Failure, 100, "No secret found for PAP login", NoPapSecret(), (_, ctx) => (
            Msg.F("No line in {0} gives a password for {1}.", Secrets(ctx, SystemPaths.PapSecretsSystemPath), Who(ctx)),
            Msg.F("Add a line `{0} * PASSWORD` to {1}.", ctx.User ?? "USER", Secrets(ctx, SystemPaths.PapSecretsSystemPath))), 1),
        LineRule("auth-rejected", Failure, 100, "MS-CHAP authentication failed", MsChapFailed(), MsChapText, 19),
        LineRule("auth-rejected", Failure, 100, "Unknown MS-CHAP authentication failure", MsChapUnknown(), (match, ctx) => (
            Msg.F("Authentication failed: the server rejected {0} with an MS-CHAP error pppd does not know ({1}).", Who(ctx), match.Groups[1].Value),
            Msg.F("Check the user name and password for {0} in {1}, and the account on the server.", Account(ctx), Secrets(ctx))), 19),
        LineRule("auth-failed", Failure, 80, "MS-CHAPv2 mutual authentication failed", MutualAuthFailed(), (_, ctx) => (
            Msg.T("The server could not prove it knows the password (MS-CHAPv2 mutual authentication failed): wrong password on one side, or not the server you meant."),
            Msg.F("Check the password for {0} in {1} and the server address.", Account(ctx), Secrets(ctx))), 19),
        LineRule("auth-timeout", Failure, 80, "authentication timed out", ChapTimeout(), (_, _) => (
            Msg.T("The server never answered our authentication: CHAP timed out."),
            Msg.T("Check that the server is the right one and accepts CHAP/MS-CHAPv2; for PPTP make sure GRE passes.")), 19),
        LineRule("auth-rejected", Failure, 90, "PAP authentication failed", PapFailed(), (_, ctx) => (
            Msg.F("Authentication failed: the server rejected {0} (PAP: wrong user name or password).", Who(ctx)),
            Msg.F("Check the password for {0} in {1}.", Account(ctx), Secrets(ctx, SystemPaths.PapSecretsSystemPath))), 19),
        LineRule("auth-timeout", Failure, 80, "No response to PAP authenticate-requests", PapNoResponse(), (_, _) => (
            Msg.T("The server never answered our PAP authentication requests."),
            Msg.T("The server may not accept PAP: try CHAP (remove refuse-chap) or check the server address.")), 19),
        LineRule("auth-failed", Failure, 40, "CHAP authentication failed", ChapFailed(), (_, ctx) => (
            Msg.F("Authentication failed: the server rejected {0} (CHAP).", Who(ctx)),
            Msg.F("Check the user name and password for {0} in {1}.", Account(ctx), Secrets(ctx))), 19),
        LineRule("mppe-refused", Failure, 80, "MPPE required but peer", MppeRefused(), (match, _) => (
            match.Groups[1].Value == "refused"
                ? Msg.T("We require MPPE encryption and the server refused it.")
                : Msg.T("We require MPPE encryption and the server did not agree on a mode we accept."),
            Msg.T("Align the MPPE options with the server: try require-mppe-128 only, or allow mppe-stateful if the server offers only stateful mode.")), 10),
        LineRule("mppe-refused", Failure, 80, "Refusing MPPE stateful mode", MppeStateful(), (_, _) => (
            Msg.T("The server offers only stateful MPPE and we refuse it."),
            Msg.T("Add `mppe-stateful` (allowing stateful mode) or change the server to stateless MPPE.")), 10),
        LineRule("mppe-no-mschap", Failure, 100, "MPPE required, but MS-CHAP", MppeNoMsChap(), (_, _) => (
            Msg.T("MPPE keys come from MS-CHAPv2, but another authentication method was used, so there are no keys."),
            Msg.T("Add refuse-pap, refuse-chap, refuse-eap (and refuse-mschap) so only MS-CHAPv2 is used.")), 10),
        LineRule("mppe-no-kernel", Failure, 100, "MPPE required, but kernel has no support", MppeNoKernel(), (_, _) => (
            Msg.T("MPPE is required but the kernel has no MPPE support."),
            Msg.T("Run `modprobe ppp_mppe` (and add it to /etc/modules).")), 10),
        LineRule("default-route-kept", Warning, 50, "not replacing", NotReplacingDefaultRoute(), (match, _) => (
            Msg.F("pppd added no default route: one already exists via {0}, so traffic does not go through this link.", match.Groups[1].Success ? match.Groups[1].Value : Msg.T("another interface")),
            Msg.T("Use `replacedefaultroute` (with defaultroute), or add routes only for the networks behind the link.")), null),
        LineRule("proxyarp-no-ethernet", Warning, 50, "ethernet address for proxy ARP", ProxyArp(), (_, _) => (
            Msg.T("proxyarp is set but no Ethernet interface is on the peer's subnet, so no proxy ARP entry was added."),
            Msg.T("Remove proxyarp, or give the peer an address from a LAN subnet of this host.")), null),
        LineRule("ip-address-conflict", Failure, 80, "our IP address", PeerRefusedOurIp(), (_, _) => (
            Msg.T("The server refused the IP address we asked for."),
            Msg.T("Add `noipdefault` and `ipcp-accept-local` so the server assigns our address.")), 10),
        LineRule("ip-address-conflict", Failure, 80, "Could not determine local IP address", NoLocalIp(), (_, _) => (
            Msg.T("Neither side supplied a local IP address."),
            Msg.T("Set an address (`local:remote`) or let the server assign one (`noipdefault`, `ipcp-accept-local`).")), 10),
        LineRule("ip-address-conflict", Failure, 80, "not authorized to use remote address", RemoteNotAuthorized(), (match, ctx) => (
            Msg.F("The server's address {0} is not in the allowed address list of the secrets line.", match.Groups[1].Value),
            Msg.F("Put `*` (or that address) in the address field of the line in {0}, or add `ipcp-accept-remote`.", Secrets(ctx))), 10),
        LineRule("terminated-by-peer", Failure, 60, "terminated by peer", TerminatedByPeer(), (match, _) => (
            match.Groups[3].Success && match.Groups[3].Value.Length > 0
                ? Msg.F("The server closed the link ({0}), saying: \"{1}\".", match.Groups[1].Value, match.Groups[3].Value)
                : Msg.F("The server closed the link ({0}) without giving a reason.", match.Groups[1].Value),
            Msg.T("Check the server's log and limits (sessions per user, idle time, account state).")), 16),
        LineRule("pppoe-no-server", Failure, 100, "PPPoE Discovery", PppoeDiscovery(), (_, _) => (
            Msg.T("No PPPoE access concentrator answered."),
            Msg.T("Check the cable and link (`ip link`), the interface name, and any VLAN your provider needs.")), 10),
        LineRule("pppoe-no-server", Failure, 100, "Timeout waiting for PAD", PppoePadTimeout(), (match, _) => (
            Msg.F("No PPPoE access concentrator answered (no {0} packet).", match.Groups[1].Value),
            Msg.T("Check the cable and link (`ip link`), the interface name, and any VLAN your provider needs.")), 10),
        LineRule("pppoe-service-error", Failure, 100, "PAD", PppoeError(), (match, _) => (
            Msg.F("The access concentrator refused: {0}.", $"{match.Groups[1].Value}-Error {match.Groups[2].Value}".TrimEnd()),
            Msg.T("Check pppoe-service (the service name) and pppoe-ac, or leave them empty.")), 10),
        LineRule("chat-timeout", Failure, 80, "alarm", ChatAlarm(), (_, _) => (
            Msg.T("The chat script waited for an answer the modem never gave (expect timed out)."),
            Msg.T("Check the modem's AT responses (`chat -v`), the dial string and the APN.")), 8),
        LineRule("chat-abort", Failure, 80, "Failed", ChatFailed(), (match, _) => (
            match.Groups[1].Success
                ? Msg.F("The modem answered {0}, an ABORT string of the chat script.", match.Groups[1].Value)
                : Msg.T("The chat script failed."),
            match.Groups[1].Value switch
            {
                "BUSY" => Msg.T("The line is busy: try again later or check the number."),
                "NO CARRIER" => Msg.T("No connection to the remote modem: check the number, the APN or the signal."),
                "NO DIALTONE" or "NO DIAL TONE" => Msg.T("No dial tone: check the phone line."),
                "ERROR" => Msg.T("The modem rejected a command: check the AT commands and the APN in the chat script."),
                _ => Msg.T("Read the chat lines before this one (`chat -v`) and the modem's manual."),
            }), 8),
        LineRule("stopped-by-signal", Info, 10, "Terminating on signal", TerminatedOnSignal(), (match, _) => (
            Msg.F("pppd was stopped by signal {0} (a user, poff, or the service manager).", match.Groups[1].Value),
            Msg.T("Nothing to fix if this was intended; otherwise check what sent the signal (systemd, poff, a script).")), 5),
        LineRule("stopped-by-signal", Info, 10, "Hangup (SIGHUP)", Sighup(), (_, _) => (
            Msg.T("pppd received SIGHUP: the controlling terminal closed or a manager asked it to hang up."),
            Msg.T("Start pppd detached (not `nodetach` in an SSH session) or under a systemd unit.")), 5),
        LineRule("max-connect-time", Info, 30, "Connect time expired", ConnectTimeExpired(), (_, ctx) => (
            Msg.T("The link reached its maximum connect time."), Msg.F("Raise or remove `maxconnect` in {0}.", Peers(ctx))), 13),
        LineRule("idle-timeout", Info, 30, "Terminating connection due to lack of activity", IdleTimeout(), (_, ctx) => (
            Msg.T("The link was idle for longer than the idle limit."), Msg.F("Raise or remove `idle` in {0}.", Peers(ctx))), 12),
        LineRule("plugin-failed", Failure, 100, "Couldn't load plugin", PluginLoad(), (match, _) => (
            Msg.F("pppd could not load the plugin {0}.", match.Groups[1].Value),
            Msg.T("Check the name and that it exists in /usr/lib/pppd/<version>/ (for PPPoE: rp-pppoe.so or pppoe.so).")), 2),
        LineRule("plugin-failed", Failure, 100, "Plugin", PluginVersion(), (match, _) => (
            Msg.F("The plugin {0} was built for another pppd version.", match.Groups[1].Value),
            Msg.T("Use the plugin from /usr/lib/pppd/<this pppd's version>/ (reinstall the ppp package).")), 2),
        LineRule("pptp-connect-failed", Failure, 100, "connect: ", PptpConnect(), (match, ctx) => (
            match.Groups[1].Value == "Connection refused"
                ? Msg.F("The PPTP server {0} refused the TCP connection on port 1723: nothing listens there, or a firewall resets it.", Server(ctx))
                : Msg.F("No TCP connection to the PPTP server {0} on port 1723 ({1}): a firewall drops it, or the address is wrong.", Server(ctx), match.Groups[1].Value),
            Msg.T("Check the server address and that TCP port 1723 is open from here (`nc -vz SERVER 1723`).")), 16),
        LineRule("pptp-connect-failed", Failure, 40, "Could not open control connection", PptpControl(), (match, _) => (
            Msg.F("pptp could not open the control connection to {0} (TCP port 1723).", match.Groups[1].Value),
            Msg.T("Check the server address and that TCP port 1723 is open from here (`nc -vz SERVER 1723`).")), 16),
        LineRule("pptp-dns-failed", Failure, 100, "getaddrinfo()", PptpGetaddrinfo(), (match, _) => (
            Msg.F("The VPN server's name did not resolve ({0}).", match.Groups[1].Value),
            Msg.T("Check the server name in the pty line, DNS (`getent hosts NAME`), or use the IP address.")), 16),
        LineRule("pptp-gre-socket", Failure, 100, "Cannot bind GRE socket", PptpGreSocket(), (_, _) => (
            Msg.T("pptp could not open its GRE socket: it is not running as root."),
            Msg.T("Start the link as root (pppd call NAME under sudo or a systemd unit).")), 16),
        LineRule("pptp-rejected", Failure, 80, "Negative reply received", PptpNegativeReply(), (_, ctx) => (
            Msg.F("The PPTP server {0} rejected the tunnel (negative reply to Start-Control-Connection).", Server(ctx)),
            Msg.T("The server may limit tunnels per client or be misconfigured: check its log.")), 16),
        LineRule("pptp-rejected", Failure, 80, "has not been accepted", PptpCallRejected(), (_, ctx) => (
            Msg.F("The PPTP server {0} did not accept our call request.", Server(ctx)),
            Msg.T("The server may be out of addresses or licences: check its log.")), 16),
        // pptp runs one control connection per server for every call to it, so a failed call of
        // another profile there (a wrong password) closes it under this link too: the field report's
        // survivor, shown as "disconnected on request" before.
        LineRule("pptp-control-lost", Failure, 60, "peer has closed", PptpPeerClosed(), (_, ctx) => (
            Msg.F("The server closed the PPTP control connection (TCP 1723) to {0}. pptp shares it with every profile dialing {0}: a failed call of another one there (a wrong password) ends this link too.", Server(ctx)),
            Msg.F("If another profile dialed {0} just before, that is why: dial one profile per PPTP server at a time ('ppptui explain' on it says why it failed). Otherwise check the server's log; a NAT or firewall timeout can also cut idle TCP connections.", Server(ctx))), 16),
        LineRule("pptp-control-lost", Failure, 60, "control connection due to missing echo reply", PptpEchoMissing(), (_, _) => (
            Msg.T("The PPTP control connection stopped answering echo requests."),
            Msg.T("Check the network path to the server; a NAT or firewall may have dropped the TCP connection.")), 16),
        LineRule("pptp-mtu", Warning, 60, "GRE packet triggered an ICMP destination unreachable", PptpIcmp(), (_, ctx) => (
            Msg.T("A GRE packet was too big or not deliverable (ICMP destination unreachable): MTU trouble on the path."),
            Msg.F("Lower mtu and mru in {0} (try 1400, then 1300).", Peers(ctx))), null),
        LineRule("ipv6-noise", Info, 0, "IPv6 socket creation failed", Ipv6Socket(), (_, _) => (
            Msg.T("IPv6 is off in this kernel, so pppd could not set up IPv6 on the link. Harmless for IPv4 links."),
            Msg.T("Nothing to fix for IPv4; add `noipv6` to silence it.")), null, neverWins: true),
        LineRule("ipv6-noise", Info, 0, "sif6addr", Sif6addr(), (_, _) => (
            Msg.T("IPv6 address setup failed (IPv6 is probably off in this kernel). Harmless for IPv4 links."),
            Msg.T("Nothing to fix for IPv4; add `noipv6` to silence it.")), null, neverWins: true),
        // L2TP (xl2tpd) and its IPsec (strongSwan's swanctl/charon): the lines a dial reads
        // from swanctl's output and xl2tpd's syslog.
        LineRule("ipsec-psk-wrong", Failure, 100, "INVALID_HASH_INFORMATION", IpsecPskWrong(), (_, ctx) => IpsecPskWrongText(ctx)),
        LineRule("ipsec-psk-wrong", Failure, 100, "AUTHENTICATION_FAILED", IpsecPskWrong(), (_, ctx) => IpsecPskWrongText(ctx)),
        LineRule("ipsec-psk-wrong", Failure, 100, "decryption failed", IpsecPskWrong(), (_, ctx) => IpsecPskWrongText(ctx)),
        LineRule("ipsec-kernel-refused", Failure, 95, "SAD", IpsecKernelRefused(), (_, _) => (
            Msg.T("IKE agreed on the keys, but this kernel refused the IPsec security association (ESP): its IPsec (xfrm) support or a cipher module is missing."),
            Msg.T("Load the modules: `modprobe -a xfrm_user esp4 authenc cbc hmac echainiv drbg sha512_generic`, then connect again; `ip xfrm state` shows the SA once it is up."))),
        LineRule("ipsec-no-answer", Failure, 70, "retransmit", IpsecNoAnswer(), (_, ctx) => (
            Msg.F("The IPsec (IKE) server {0} does not answer: UDP ports 500 and 4500 are blocked, or no IPsec daemon listens there.", Server(ctx)),
            Msg.T("Check the server address; that the server runs IPsec (strongSwan, libreswan, Windows RRAS); that UDP 500 and 4500 and ESP (IP protocol 50) pass every firewall on the way."))),
        LineRule("l2tp-no-answer", Failure, 90, "Maximum retries exceeded", L2tpNoAnswer(), (_, ctx) => (
            Msg.F("The L2TP server {0} does not answer on UDP port 1701: xl2tpd gave up on the tunnel.", Server(ctx)),
            Msg.T("Check the server address and that an L2TP server (xl2tpd or another LNS) runs there; with IPsec, that the security association is up (`ip xfrm state`); many servers take L2TP only inside IPsec."))),
        LineRule("l2tp-refused", Failure, 90, "peer closing for reason", L2tpRefused(), (match, ctx) => (
            Msg.F("The L2TP server {0} refused the tunnel: {1}.", Server(ctx), match.Groups[1].Value.Trim()),
            Msg.T("The server does not accept this client: check its access list (lac = in its [lns] section), its IPsec requirement, and the host name it expects."))),
        LineRule("l2tp-refused", Failure, 80, "Connection closed to", L2tpClosed(), (match, ctx) => (
            Msg.F("The L2TP server {0} closed the tunnel: {1}.", match.Groups[1].Value, match.Groups[2].Value.Trim()),
            Msg.T("The server does not accept this client: check its access list (lac = in its [lns] section), its IPsec requirement, and the host name it expects."))),
        LineRule("l2tp-pppd-failed", Failure, 20, "pppd exited for call", L2tpPppdExited(), (match, _) => (
            Msg.F("The pppd xl2tpd started for the call ended with exit status {0} before the link came up.", match.Groups[1].Value),
            Msg.T("Read pppd's lines just before this one (`ppptui explain NAME`): they say why."))),
        LineRule("xl2tpd-not-running", Failure, 100, "xl2tpd is not running", Xl2tpdNotRunning(), (match, _) => (
            Msg.F("xl2tpd is not running: nothing reads its control file {0}.", match.Groups[1].Value),
            Msg.T("Start it: `systemctl start xl2tpd` (install it with `apt-get install xl2tpd`), then connect again."))),
        LineRule("secrets-readable", Warning, 30, "world and/or group access", SecretsWorldReadable(), (match, _) => (
            Msg.F("The secrets file {0} can be read by other users.", match.Groups[1].Value),
            Msg.F("Run `chmod 600 {0}`.", match.Groups[1].Value)), null),
        LineRule("link-up", Info, 0, "Connect: ", ConnectMarker(), (match, _) => (
            Msg.F("The PPP link {0} is up over {1}.", match.Groups[1].Value, match.Groups[2].Value), Msg.T("Nothing to fix.")), null, neverWins: true),
        LineRule("authenticated", Info, 0, "authentication succeeded", AuthSucceeded(), (match, _) => (
            Msg.F("{0} authentication succeeded.", match.Groups[1].Value), Msg.T("Nothing to fix.")), null, neverWins: true),
        LineRule("mppe-up", Info, 0, "MPPE", MppeEnabled(), (match, _) => (
            Msg.F("MPPE {0}-bit {1} encryption is on.", match.Groups[1].Value, match.Groups[2].Value), Msg.T("Nothing to fix.")), null, neverWins: true),
        LineRule("ip-up", Info, 0, "local  IP address", LocalIp(), (match, _) => (
            Msg.F("The link got the local IP address {0}.", match.Groups[1].Value), Msg.T("Nothing to fix.")), null, neverWins: true),
    ];

    // The first, cheap test every message goes through. Each rule's keyword contains one of
    // these anchors (a test checks it); they are few and start with uncommon letter triples,
    // so the vectorised search rarely stops on ordinary syslog text.
    internal static readonly string[] Anchors =
    [
        "/dev/ppp", "ppp_generic", "PPP kernel", "PPP discipline", "unrecognized option", "privilege", "overridden",
        "option is disabled", "authenticat", "locked by pid", "lock file", "Failed", "script failed", "looped back",
        "Config-Requests", "Modem hangup", "echo-requests", "Serial link appears", "No secret found", "MPPE", "replacing",
        "proxy ARP", "IP address", "authorized to use", "terminated by peer", "PPPoE", "PAD", "alarm", "Terminating",
        "SIGHUP", "Connect time", "lugin", "connect: ", "control connection", "getaddrinfo", "GRE", "Negative reply",
        "been accepted", "peer has closed", "IPv6", "sif6addr", "world and/or", "Connect: ",
        "INVALID_HASH", "AUTHENTICATION_FAILED", "decryption failed", "retransmit", "Maximum retries", "peer closing",
        "Connection closed to", "xl2tpd is not", "pppd exited for call", "SAD",
    ];

    private static readonly SearchValues<string> Keywords = SearchValues.Create(Anchors, StringComparison.Ordinal);

    /// <summary>The rule keywords (for the test that each contains an anchor).</summary>
    internal static IEnumerable<string> RuleKeywords => Rules.Select(rule => rule.Keyword);

    private static (string, string) MsChapText(Match match, DiagnosisContext ctx)
    {
        var code = match.Groups[1].Success ? match.Groups[1].Value : null;
        var said = match.Groups[2].Value.Trim();
        var who = Who(ctx);
        var account = Account(ctx);
        var secrets = Secrets(ctx);
        return code switch
        {
            "691" or null => (
                Msg.F("Authentication failed: the server rejected {0} (MS-CHAP error 691: wrong user name or password).", who) +
                (code is null && said.Length > 0 ? Msg.F(" The server said: \"{0}\".", said) : ""),
                Msg.F("Check the password for {0} in {1}.", account, secrets)),
            "649" => (Msg.F("Authentication failed: the account {0} has no dial-in permission on the server (MS-CHAP error 649).", who),
                Msg.T("Ask the server's administrator to allow remote access (dial-in) for this account.")),
            "648" => (Msg.F("Authentication failed: the password of {0} has expired (MS-CHAP error 648).", who),
                Msg.F("Change the password on the server (pppd cannot), then update it in {0}.", secrets)),
            "647" => (Msg.F("Authentication failed: the account {0} is disabled on the server (MS-CHAP error 647).", who),
                Msg.T("Ask the server's administrator to enable the account.")),
            "646" => (Msg.F("Authentication failed: {0} may not log in at this time of day (MS-CHAP error 646).", who),
                Msg.T("Try within the account's allowed logon hours, or ask the administrator to change them.")),
            "709" => (Msg.F("Authentication failed: the server wants the password of {0} changed (MS-CHAP error 709).", who),
                Msg.F("Change the password on the server (pppd cannot), then update it in {0}.", secrets)),
            _ => (Msg.F("Authentication failed: the server rejected {0} (MS-CHAP error {1}).", who, code),
                Msg.F("Check the user name and password for {0} in {1}, and the account on the server.", account, secrets)),
        };
    }

    private static (string Code, DiagnosisSeverity Severity, string Cause, string Fix) ExitText(int status, DiagnosisContext ctx) => status switch
    {
        0 => ("exit-0-ok", Info, Msg.T("pppd ended normally: it detached, or the link came up and was closed normally."), Msg.T("Nothing to fix.")),
        1 => ("exit-1-fatal", Failure, Msg.T("pppd hit a fatal error (for example `auth` with no secret to check the server, or a resource it could not get)."),
            Msg.T("Read the pppd error line just before the exit; `ppptui explain` names it.")),
        2 => ("exit-2-bad-options", Failure, Msg.T("pppd rejected its options: an unknown option, a bad value, or a privileged option from an untrusted place."),
            Msg.F("Check the option named in the log and fix it in {0} or /etc/ppp/options.", Peers(ctx))),
        3 => ("exit-3-not-root", Failure, Msg.T("pppd is not running as root and is not setuid-root."), Msg.T("Run the link as root (sudo, or a systemd unit).")),
        4 => ("exit-4-no-kernel-ppp", Failure, Msg.T("The kernel has no PPP support or /dev/ppp is missing."),
            Msg.T("Run `modprobe ppp_generic` and check /dev/ppp (`mknod /dev/ppp c 108 0`); in a container pass the device through.")),
        5 => ("exit-5-signal", Info, Msg.T("pppd was stopped by a signal (SIGINT, SIGTERM or SIGHUP): a user, poff or the service manager."),
            Msg.T("Nothing to fix if this was intended; otherwise check what stopped it.")),
        6 => ("exit-6-lock-failed", Failure, Msg.T("pppd could not lock the serial port: another program holds it."),
            Msg.T("Stop the other program (ModemManager, another pppd) or remove a stale /var/lock/LCK..* file.")),
        7 => ("exit-7-port-open-failed", Failure, Msg.T("pppd could not open the serial port."),
            Msg.T("Check that the device exists and is not held by another program (ModemManager).")),
        8 => ("exit-8-connect-script", Failure, Msg.T("The connect script (chat) failed: the modem did not answer as expected."),
            Msg.T("Read the chat lines in the log (`chat -v`); check the dial string, APN and SIM PIN.")),
        9 => ("exit-9-pty-failed", Failure, Msg.T("The pty command (for example pptp) could not be run."),
            Msg.F("Check the `pty` line in {0}: the program must exist (is pptp-linux installed?) and be given by full path.", Peers(ctx))),
        10 => ("exit-10-negotiation", Failure, Msg.T("PPP negotiation failed before any network protocol came up (no reply, or no agreement on LCP, authentication, MPPE or IP)."),
            Msg.T("Read the log for the step that failed; for PPTP, GRE (IP protocol 47) being blocked is the usual cause.")),
        11 => ("exit-11-peer-auth", Failure, Msg.T("The server failed or refused to authenticate itself to us."),
            Msg.F("Add `noauth` to {0} unless you really want to check the server's identity.", Peers(ctx))),
        12 => ("exit-12-idle", Info, Msg.T("The link was closed because it was idle for longer than `idle`."), Msg.F("Raise or remove `idle` in {0}.", Peers(ctx))),
        13 => ("exit-13-maxconnect", Info, Msg.T("The link was closed because it reached `maxconnect`."), Msg.F("Raise or remove `maxconnect` in {0}.", Peers(ctx))),
        14 => ("exit-14-callback", Info, Msg.T("Callback was negotiated; pppd ended and waits for the server to call back."), Msg.T("Wait for the incoming call, or disable callback.")),
        15 => ("exit-15-peer-dead", Failure, Msg.T("The server stopped answering LCP echo requests, so pppd took the link down."),
            Msg.T("Check the network path to the server; raise lcp-echo-failure for flaky links; use `persist` to redial.")),
        16 => ("exit-16-hangup", Failure, Msg.T("The link hung up: the modem lost carrier, or the helper (pptp, pppoe) exited."),
            Msg.T("Read the pptp/pppoe/chat lines before the hangup for the reason.")),
        17 => ("exit-17-loopback", Failure, Msg.T("The serial line is looped back: the modem echoes what pppd sends."),
            Msg.T("Fix the chat script so the modem reaches data mode (wait for CONNECT).")),
        18 => ("exit-18-init-script", Failure, Msg.T("The init script failed."), Msg.F("Check the `init` command in {0} and run it by hand.", Peers(ctx))),
        19 => ("exit-19-auth-failed", Failure, Msg.F("We failed to authenticate to the server: {0} or the password was rejected, or no secret was found.", Who(ctx)),
            Msg.F("Check the user name and password for {0} in {1}.", Account(ctx), Secrets(ctx))),
        20 => ("exit-20-maxoctets", Info, Msg.T("The link was closed because it reached the `maxoctets` traffic limit."), Msg.F("Raise or remove `maxoctets` in {0}.", Peers(ctx))),
        21 => ("exit-21-calling-number", Failure, Msg.T("The calling number is not authorised to connect."), Msg.T("Add the number to the allowed list (`allow-number`) on the answering side.")),
         127 => ("pppd-missing", Failure, Msg.T("pppd could not be started: it is not installed or not on PATH."), Msg.T("Install it: apt-get install ppp.")),
         > 128 and < 160 => ("killed", Failure,
            Msg.F("pppd was killed by signal {0}{1} and could not clean up (no ip-down, the pid file may be stale).", status - 128, status - 128 == 9 ? " (SIGKILL)" : ""),
            Msg.T("Find out who killed it (an OOM kill shows in dmesg); ppptui ignores the stale pid file, connect again.")),
        _ => ($"exit-{status}-unknown", Failure, Msg.F("pppd exited with status {0}, which pppd 2.4.9 does not define.", status),
            Msg.T("Read the log lines before the exit; a pppd wrapper script may have returned its own status.")),
    };

    [GeneratedRegex(@"Couldn't open the /dev/ppp device: (.+)")] private static partial Regex NoDevPpp();
    [GeneratedRegex(@"Please load the ppp_generic kernel module")] private static partial Regex LoadPppGeneric();
    [GeneratedRegex(@"Sorry - this system lacks PPP kernel support")] private static partial Regex LacksPpp();
    [GeneratedRegex(@"You need to create the /dev/ppp device node")] private static partial Regex CreateDevPpp();
    [GeneratedRegex(@"Couldn't set tty to PPP discipline: (.+)")] private static partial Regex TtyDiscipline();
    [GeneratedRegex(@"(In file (\S+): )?unrecognized option '(.+)'")] private static partial Regex UnrecognizedOption();
    [GeneratedRegex(@"using the (\S+(?: option)?) (?:option )?requires root privilege")] private static partial Regex NeedsRootOption();
    [GeneratedRegex(@"(\S+) option set in (\S+) cannot be overridden")] private static partial Regex OptionLocked();
    [GeneratedRegex(@"(\S+) option is disabled")] private static partial Regex OptionDisabled();
    [GeneratedRegex(@"(By default the )?[Tt]he remote system( \(.*\))? is required to authenticate itself")] private static partial Regex PeerAuthRequired();
    [GeneratedRegex(@"Device (\S+) is locked by pid (\d+)")] private static partial Regex DeviceLocked();
    [GeneratedRegex(@"Can't create lock file (\S+)")] private static partial Regex CantCreateLock();
    [GeneratedRegex(@"Failed to open (\S+): (.+)")] private static partial Regex FailedToOpen();
    [GeneratedRegex(@"Connect script failed")] private static partial Regex ConnectScriptFailed();
    [GeneratedRegex(@"Initializer script failed")] private static partial Regex InitScriptFailed();
    [GeneratedRegex(@"Serial line is looped back\.")] private static partial Regex LoopedBack();
    [GeneratedRegex(@"(LCP|IPCP|CCP|IPV6CP): timeout sending Config-Requests")] private static partial Regex ConfigRequestTimeout();
    [GeneratedRegex(@"^Modem hangup")] private static partial Regex ModemHangup();
    [GeneratedRegex(@"No response to (\d+) echo-requests")] private static partial Regex NoEchoResponse();
    [GeneratedRegex(@"Serial link appears to be disconnected\.")] private static partial Regex LinkDisconnected();
    [GeneratedRegex(@"peer refused to authenticate: terminating link")] private static partial Regex PeerRefusedAuth();
    [GeneratedRegex(@"No CHAP secret found for authenticating us to ""?([^""]*)""?")] private static partial Regex NoChapSecret();
    [GeneratedRegex(@"No secret found for PAP login")] private static partial Regex NoPapSecret();
    [GeneratedRegex(@"MS-CHAP authentication failed: (?:E=(\d+)\b)?(.*)")] private static partial Regex MsChapFailed();
    [GeneratedRegex(@"Unknown MS-CHAP authentication failure: (.*)")] private static partial Regex MsChapUnknown();
    [GeneratedRegex(@"MS-CHAPv2 mutual authentication failed\.")] private static partial Regex MutualAuthFailed();
    [GeneratedRegex(@"CHAP authentication timed out")] private static partial Regex ChapTimeout();
    [GeneratedRegex(@"^PAP authentication failed")] private static partial Regex PapFailed();
    [GeneratedRegex(@"No response to PAP authenticate-requests")] private static partial Regex PapNoResponse();
    [GeneratedRegex(@"^CHAP authentication failed")] private static partial Regex ChapFailed();
    [GeneratedRegex(@"MPPE required but peer (refused|negotiation failed)")] private static partial Regex MppeRefused();
    [GeneratedRegex(@"Refusing MPPE stateful mode offered by peer")] private static partial Regex MppeStateful();
    [GeneratedRegex(@"MPPE required, but MS-CHAP\[v2\] (nor EAP-TLS auth are performed|auth not performed)\.")] private static partial Regex MppeNoMsChap();
    [GeneratedRegex(@"MPPE required, but kernel has no support\.")] private static partial Regex MppeNoKernel();
    [GeneratedRegex(@"not replacing (?:default route to (\S+) \[[\d.]+\]|existing default route)")] private static partial Regex NotReplacingDefaultRoute();
    [GeneratedRegex(@"Cannot determine ethernet address for proxy ARP")] private static partial Regex ProxyArp();
    [GeneratedRegex(@"Peer refused to agree to our IP address")] private static partial Regex PeerRefusedOurIp();
    [GeneratedRegex(@"Could not determine local IP address")] private static partial Regex NoLocalIp();
    [GeneratedRegex(@"Peer is not authorized to use remote address (\S+)")] private static partial Regex RemoteNotAuthorized();
    [GeneratedRegex(@"(LCP|IPCP|CCP|IPV6CP) terminated by peer( \((.*)\))?")] private static partial Regex TerminatedByPeer();
    [GeneratedRegex(@"Unable to complete PPPoE Discovery")] private static partial Regex PppoeDiscovery();
    [GeneratedRegex(@"Timeout waiting for (PAD[OS]) packets")] private static partial Regex PppoePadTimeout();
    [GeneratedRegex(@"PAD[OS]: (Service-Name|System|Generic)-Error: ?(.*)")] private static partial Regex PppoeError();
    [GeneratedRegex(@"^alarm$")] private static partial Regex ChatAlarm();
    [GeneratedRegex(@"^Failed(?: \((.+)\))?$")] private static partial Regex ChatFailed();
    [GeneratedRegex(@"Terminating on signal (\d+)")] private static partial Regex TerminatedOnSignal();
    [GeneratedRegex(@"Hangup \(SIGHUP\)")] private static partial Regex Sighup();
    [GeneratedRegex(@"Connect time expired")] private static partial Regex ConnectTimeExpired();
    [GeneratedRegex(@"Terminating connection due to lack of activity\.")] private static partial Regex IdleTimeout();
    [GeneratedRegex(@"Couldn't load plugin (\S+)")] private static partial Regex PluginLoad();
    [GeneratedRegex(@"Plugin (\S+) is for pppd version")] private static partial Regex PluginVersion();
    [GeneratedRegex(@"connect: (Connection refused|Connection timed out|No route to host|Network is unreachable)")] private static partial Regex PptpConnect();
    [GeneratedRegex(@"Could not open control connection to (\S+)")] private static partial Regex PptpControl();
    [GeneratedRegex(@"getaddrinfo\(\): (.+)")] private static partial Regex PptpGetaddrinfo();
    [GeneratedRegex(@"Cannot bind GRE socket, aborting\.")] private static partial Regex PptpGreSocket();
    [GeneratedRegex(@"Negative reply received to our Start Control Connection Request")] private static partial Regex PptpNegativeReply();
    [GeneratedRegex(@"Our outgoing call request \[callid \d+\] has not been accepted\.")] private static partial Regex PptpCallRejected();
    [GeneratedRegex(@"read returned zero, peer has closed")] private static partial Regex PptpPeerClosed();
    [GeneratedRegex(@"closing control connection due to missing echo reply")] private static partial Regex PptpEchoMissing();
    [GeneratedRegex(@"transmitted GRE packet triggered an ICMP destination unreachable")] private static partial Regex PptpIcmp();
    [GeneratedRegex(@"IPv6 socket creation failed")] private static partial Regex Ipv6Socket();
    [GeneratedRegex(@"sif6addr")] private static partial Regex Sif6addr();
    [GeneratedRegex(@"secret file (\S+) has world and/or group access")] private static partial Regex SecretsWorldReadable();
    [GeneratedRegex(@"^Connect: (\S+) <--> (\S+)")] private static partial Regex ConnectMarker();
    [GeneratedRegex(@"^(CHAP|PAP|EAP|MS-CHAP|MS-CHAPv2) authentication succeeded")] private static partial Regex AuthSucceeded();
    [GeneratedRegex(@"MPPE (128|40|56)-bit (stateless|stateful) compression enabled")] private static partial Regex MppeEnabled();
    [GeneratedRegex(@"^local  IP address (\S+)")] private static partial Regex LocalIp();

    // L2TP and IPsec lines (strongSwan's charon as printed by swanctl, xl2tpd's syslog).
    [GeneratedRegex(@"INVALID_HASH_INFORMATION|AUTHENTICATION_FAILED|invalid HASH_V1 payload length, decryption failed")] private static partial Regex IpsecPskWrong();
    [GeneratedRegex(@"giving up after \d+ retransmits|sending retransmit \d+ of request")] private static partial Regex IpsecNoAnswer();
    [GeneratedRegex(@"unable to install inbound and outbound IPsec SA \(SAD\) in kernel|unable to add SAD entry")] private static partial Regex IpsecKernelRefused();
    [GeneratedRegex(@"Maximum retries exceeded for tunnel")] private static partial Regex L2tpNoAnswer();
    [GeneratedRegex(@"peer closing for reason \d+ \(([^)]*)\)")] private static partial Regex L2tpRefused();
    [GeneratedRegex(@"Connection closed to (\S+), port \d+ \((?!Goodbye)([^)]+)\)")] private static partial Regex L2tpClosed();
    [GeneratedRegex(@"pppd exited for call \d+ with code ([1-9]\d*)")] private static partial Regex L2tpPppdExited();
    [GeneratedRegex(@"xl2tpd is not running: nothing reads its control file (\S+)")] private static partial Regex Xl2tpdNotRunning();
}
