namespace PppTui.Core.Doctor;

/// <summary>A default route as <c>ip -j route show default</c> reports it.</summary>
public sealed record DefaultRoute(string? Gateway, string? Device)
{
    public override string ToString() =>
        "default" + (Gateway is null ? "" : $" via {Gateway}") + (Device is null ? "" : $" dev {Device}");

    /// <summary>A route through a PPP link (pppd's own, which defaultroute does not fight).</summary>
    public bool ViaPpp => Device?.StartsWith("ppp", StringComparison.Ordinal) ?? false;
}

/// <summary>
/// The option combinations that look fine file by file but cannot work together, judged on the
/// effective options of a profile (every file pppd reads, in order, with overrides applied).
/// Each rule is a pure function: options in, one <see cref="DoctorCheck"/> out.
/// </summary>
public static class OptionRules
{
    private static readonly string[] MppeRequirements = ["require-mppe", "require-mppe-128", "require-mppe-40"];

    /// <summary>The option as it takes effect (the last unoverridden occurrence), or null.</summary>
    public static EffectiveOption? InEffect(IReadOnlyList<EffectiveOption> options, string name) =>
        options.LastOrDefault(o => o.Name == name && o.TakesEffect);

    /// <summary>
    /// <c>auth</c> (usually in /etc/ppp/options) asks the server to prove who it is; a VPN or ISP
    /// server never does, so without a later <c>noauth</c> pppd gives up.
    /// </summary>
    public static DoctorCheck Auth(string profile, IReadOnlyList<EffectiveOption> options)
    {
        const string id = "options.auth";
        var title = Msg.T("auth and noauth");
        if (InEffect(options, "auth") is { } auth)
            return DoctorCheck.Fail(id, title,
                Msg.F("'auth' ({0}) makes pppd require the server to authenticate itself, and no later 'noauth' cancels it: servers do not, so pppd stops with \"The remote system is required to authenticate itself\" (exit 1) or \"peer refused to authenticate\" (exit 11).", auth.Source),
                Msg.F("Add 'noauth' to the profile (ppptui set {0} --noauth yes, then ppptui apply {0}), or remove 'auth' from {1}.", profile, auth.Source))
                with { Evidence = auth.Source, Profile = profile };
        var cancelled = options.LastOrDefault(o => o.Name == "auth");
        return (cancelled is null
            ? DoctorCheck.Ok(id, title, Msg.T("pppd does not ask the server to authenticate itself"))
            : DoctorCheck.Ok(id, title, Msg.F("'auth' at {0} is cancelled by 'noauth' at {1}", cancelled.Source, cancelled.OverriddenBy)) with { Evidence = cancelled.Source })
            with { Profile = profile };
    }

    /// <summary>
    /// MPPE keys come from MS-CHAP: requiring MPPE while refusing MS-CHAPv2 (and MS-CHAP) leaves
    /// no way to get them.
    /// </summary>
    public static DoctorCheck MppeAuth(string profile, IReadOnlyList<EffectiveOption> options)
    {
        const string id = "options.mppe-auth";
        var title = Msg.T("MPPE and MS-CHAP");
        var mppe = MppeRequirements.Select(n => InEffect(options, n)).OfType<EffectiveOption>().FirstOrDefault();
        if (mppe is null) return DoctorCheck.Skip(id, title, Msg.T("MPPE is not required")) with { Profile = profile };
        var v2 = InEffect(options, "refuse-mschap-v2");
        var v1 = InEffect(options, "refuse-mschap");
        if (v2 is not null && v1 is not null)
            return DoctorCheck.Fail(id, title,
                Msg.F("'{0}' ({1}) needs keys from MS-CHAP, but 'refuse-mschap-v2' ({2}) and 'refuse-mschap' ({3}) refuse both versions: pppd stops with \"MPPE required, but MS-CHAP[v2] auth not performed.\"", mppe.Name, mppe.Source, v2.Source, v1.Source),
                Msg.F("Remove 'refuse-mschap-v2' from {0} (keep refusing pap, chap and eap).", v2.Source))
                with { Evidence = $"{mppe.Source}, {v2.Source}, {v1.Source}", Profile = profile };
        if (v2 is not null)
            return DoctorCheck.Warn(id, title,
                Msg.F("'{0}' ({1}) with 'refuse-mschap-v2' ({2}) leaves only MS-CHAP v1 for the keys, which most servers (pptpd: require-mschap-v2) refuse.", mppe.Name, mppe.Source, v2.Source),
                Msg.F("Remove 'refuse-mschap-v2' from {0}.", v2.Source))
                with { Evidence = $"{mppe.Source}, {v2.Source}", Profile = profile };
        return DoctorCheck.Ok(id, title, Msg.F("'{0}' ({1}) with MS-CHAPv2 allowed", mppe.Name, mppe.Source)) with { Evidence = mppe.Source, Profile = profile };
    }

    /// <summary>
    /// <c>defaultroute</c> adds nothing while another default route exists: the link comes up and
    /// traffic keeps going the old way (the field report's "connected, but nothing goes through").
    /// </summary>
    /// <param name="defaults">The default routes now, or null when they could not be read.</param>
    public static DoctorCheck DefaultRouteRule(string profile, IReadOnlyList<EffectiveOption> options,
        IReadOnlyList<DefaultRoute>? defaults, string? routeError = null)
    {
        const string id = "options.defaultroute";
        var title = Msg.T("default route");
        var defaultRoute = InEffect(options, "defaultroute");
        if (InEffect(options, "replacedefaultroute") is { } replace)
            return DoctorCheck.Ok(id, title, Msg.F("'replacedefaultroute' ({0}) takes the default route over and restores it when the link goes down", replace.Source))
                with { Evidence = replace.Source, Profile = profile };
        if (defaultRoute is null)
            return DoctorCheck.Skip(id, title, Msg.T("the profile does not ask for the default route")) with { Profile = profile };
        if (defaults is null)
            return DoctorCheck.Skip(id, title, Msg.F("could not read the routing table ({0})", routeError ?? Msg.T("ip failed"))) with { Profile = profile };
        var other = defaults.FirstOrDefault(r => !r.ViaPpp);
        if (other is null)
            return DoctorCheck.Ok(id, title, Msg.F("no other default route now: 'defaultroute' ({0}) will add one through the link", defaultRoute.Source))
                with { Evidence = defaultRoute.Source, Profile = profile };
        return DoctorCheck.Warn(id, title,
            Msg.F("'defaultroute' ({0}) adds nothing while another default route exists ({1}): the link comes up, pppd logs \"not replacing default route\", and traffic keeps going the old way.", defaultRoute.Source, other),
            Msg.F("Take the route over while the link is up: ppptui set {0} --default-route replace (pppd restores the old one on hang-up); or keep it and route only the remote networks: ppptui set {0} --default-route {1} --routes 10.0.0.0/8.", profile, KeepRoute(profile, defaultRoute)))
            with { Evidence = $"{defaultRoute.Source}; ip route: {other}", Profile = profile };
    }

    // "none" only drops the peers file's own line; a defaultroute inherited from another file
    // (options.pptp) needs "never" (nodefaultroute) to be cancelled.
    private static string KeepRoute(string profile, EffectiveOption defaultRoute) =>
        defaultRoute.File == "/etc/ppp/peers/" + profile ? "none" : "never";

    /// <summary>
    /// <c>usepeerdns</c> writes /etc/ppp/resolv.conf only; whether it reaches the resolver depends
    /// on who owns /etc/resolv.conf and on an ip-up.d hook for that manager.
    /// </summary>
    public static DoctorCheck PeerDns(string profile, IReadOnlyList<EffectiveOption> options, DnsState dns)
    {
        const string id = "options.usepeerdns";
        var title = Msg.T("DNS from the server");
        if (InEffect(options, "usepeerdns") is not { } peerDns)
            return DoctorCheck.Skip(id, title, Msg.T("the profile does not ask the server for DNS servers")) with { Profile = profile };
        if (dns.PeerDnsHook is { } hook)
            return DoctorCheck.Ok(id, title, Msg.F("'usepeerdns' ({0}): {1} hands the server's DNS to {2}", peerDns.Source, hook, dns.ManagerName))
                with { Evidence = $"{peerDns.Source}; {dns.Evidence}", Profile = profile };
        var (detail, fix) = dns.Manager switch
        {
            DnsManager.SystemdResolved => (
                Msg.T("systemd-resolved owns /etc/resolv.conf, and no ip-up.d script hands it the link's DNS: the server's DNS servers land in /etc/ppp/resolv.conf and are ignored."),
                Msg.T("Add an /etc/ppp/ip-up.d script that runs: resolvectl dns \"$PPP_IFACE\" $DNS1 $DNS2 (and resolvectl domain \"$PPP_IFACE\" '~.' to send every query through the link).")),
            DnsManager.Resolvconf => (
                Msg.T("resolvconf owns /etc/resolv.conf, but its ppp hook /etc/ppp/ip-up.d/000resolvconf is missing: the server's DNS servers are ignored."),
                Msg.T("Reinstall resolvconf (apt-get install --reinstall resolvconf) to restore /etc/ppp/ip-up.d/000resolvconf.")),
            DnsManager.NetworkManager => (
                Msg.T("NetworkManager writes /etc/resolv.conf and will overwrite what pppd's scripts put there."),
                Msg.T("Tell NetworkManager about the link's DNS (nmcli), or set dns=none in NetworkManager.conf and let /etc/ppp/ip-up.d/0000usepeerdns manage /etc/resolv.conf.")),
            DnsManager.Missing => (
                Msg.T("there is no /etc/resolv.conf to merge the server's DNS into."),
                Msg.T("Create /etc/resolv.conf, or install resolvconf so the ppp hook manages it.")),
            _ => (
                Msg.T("/etc/ppp/ip-up.d/0000usepeerdns (from the ppp package) is missing: nothing copies /etc/ppp/resolv.conf into /etc/resolv.conf."),
                Msg.T("Reinstall ppp (apt-get install --reinstall ppp) to restore /etc/ppp/ip-up.d/0000usepeerdns.")),
        };
        return DoctorCheck.Warn(id, title, Msg.F("'usepeerdns' ({0}): {1}", peerDns.Source, detail), fix)
            with { Evidence = $"{peerDns.Source}; {dns.Evidence}", Profile = profile };
    }
}
