namespace PppTui.Core.PppConfig;

/// <summary>
/// Which pppd options take an argument. pppd reads exactly one argument word after such an
/// option, from the same line or the next; every other word stands alone. Words pppd does not
/// know by name (a device path, a speed, <c>local:remote</c> addresses, a PPPoE plugin's
/// interface name) are bare words too.
/// </summary>
/// <remarks>
/// Built from the option tables of pppd 2.4.9 (options.c, auth.c, lcp.c, ipcp.c, ipv6cp.c,
/// ipxcp.c, ccp.c, ecp.c, chap-new.c, chap_ms.c, upap.c, eap.c, cbcp.c, tty.c and the plugins
/// shipped with it: pppoe, pppol2tp, pppoatm, radius, winbind, minconn, passprompt,
/// passwordfd), the options pppd 2.5 added, the <c>mppe</c> option of the MPPE/MPPC patch
/// (OpenWrt, older distributions) and the accel-pptp <c>pptp.so</c> plugin's options. An option
/// is "flag" when its type is bool or special_noarg or it carries OPT_NOARG.
/// Names are case-sensitive, as pppd compares them with strcmp().
/// </remarks>
public static class PppOptionTable
{
    private static readonly string[] OptionsWithArgument =
    [
        // pppd 2.4.9 and its plugins
        "+ua", "-as", "active-filter", "allow-ip", "allow-number", "asyncmap", "avpair", "bsdcomp",
        "bundle", "ca", "call", "callback", "capath", "cert", "chap-interval", "chap-max-challenge",
        "chap-restart", "chap-timeout", "child-timeout", "connect", "connect-delay", "crl", "crl-dir",
        "datarate", "defaultroute-metric", "deflate", "disconnect", "domain", "eap-interval",
        "eap-max-rreq", "eap-max-sreq", "eap-restart", "eap-timeout", "endpoint", "escape", "file",
        "holdoff", "host-uniq", "idle", "ifname", "init", "ip-down-script", "ip-up-script",
        "ipcp-max-configure", "ipcp-max-failure", "ipcp-max-terminate", "ipcp-restart", "ipparam",
        "ipv6", "ipv6cp-max-configure", "ipv6cp-max-failure", "ipv6cp-max-terminate", "ipv6cp-restart",
        "ipx-network", "ipx-node", "ipx-router-name", "ipx-routing", "ipxcp-max-configure",
        "ipxcp-max-failure", "ipxcp-max-terminate", "ipxcp-restart", "kdebug", "key",
        "lcp-echo-failure", "lcp-echo-interval", "lcp-max-configure", "lcp-max-failure",
        "lcp-max-terminate", "lcp-restart", "linkname", "logfd", "logfile", "max-tls-version",
        "maxconnect", "maxfail", "maxoctets", "minconnect", "mo", "mo-direction", "mo-timeout", "mrru",
        "mru", "ms-dns", "ms-wins", "mschap-challenge", "mschap2-peer-challenge", "mtu", "name",
        "netmask", "ntlm_auth-helper", "pap-max-authreq", "pap-restart", "pap-timeout", "pass-filter",
        "password", "passwordfd", "plugin", "pppoe-ac", "pppoe-host-uniq", "pppoe-mac",
        "pppoe-padi-attempts", "pppoe-padi-timeout", "pppoe-service", "pppoe-sess", "pppoe-verbose",
        "pppol2tp", "pppol2tp_debug_mask", "pppol2tp_ifname", "pppol2tp_reorderto",
        "pppol2tp_session_id", "pppol2tp_tunnel_id", "privgroup", "promptprog", "pty", "qos",
        "radius-config-file", "realms-config-file", "record", "remotename", "remotenumber",
        "rp_pppoe_ac", "rp_pppoe_service", "rp_pppoe_sess", "rp_pppoe_verbose", "set", "socket",
        "srp-interval", "srp-pn-secret", "stop-bits", "unit", "unset", "user", "vj-max-slots",
        "welcome",
        // added in pppd 2.5
        "chap-secrets", "ip-pre-up-script", "ipv6-down-script", "ipv6-up-script", "lcp-rtt-file",
        "net-down-script", "net-init-script", "net-pre-up-script", "pap-secrets", "pkcs12",
        "tls-verify-method",
        // the MPPE/MPPC patch ("mppe required,stateless") and the accel-pptp pptp.so plugin
        "mppe", "pptp_server", "pptp_client", "pptp_sock", "pptp_phone", "pptp_timeout",
        "pptp_call_info", "pptp_window", "pptp_verbose",
    ];

    private static readonly string[] FlagOptions =
    [
        // pppd 2.4.9 and its plugins
        "+chap", "+ipv6", "+ipx", "+mppe", "+mppe-128", "+mppe-40", "+mschap", "+mschap-v2", "+pap",
        "--help", "--version", "-ac", "-all", "-am", "-bsdcomp", "-ccp", "-chap", "-crtscts", "-d",
        "-defaultroute", "-defaultroute6", "-deflate", "-detach", "-ecp", "-h", "-ip", "-ipv6", "-ipx",
        "-mn", "-mppe", "-mppe-128", "-mppe-40", "-mru", "-mschap", "-mschap-v2", "-p", "-pap", "-pc",
        "-predictor1", "-proxyarp", "-vj", "-vjccomp", "auth", "cdtrcts", "chapms-strip-domain",
        "crtscts", "debug", "default-asyncmap", "default-mru", "defaultroute", "defaultroute6",
        "demand", "dryrun", "dump", "enable-session", "hide-password", "ipcp-accept-local",
        "ipcp-accept-remote", "ipcp-no-address", "ipcp-no-addresses", "ipv6cp-accept-local",
        "ipv6cp-accept-remote", "ipv6cp-use-ipaddr", "ipv6cp-use-persistent", "ipx",
        "ipxcp-accept-local", "ipxcp-accept-network", "ipxcp-accept-remote", "ktune",
        "lcp-echo-adaptive", "llc-encaps", "local", "lock", "login", "map-to-ifname", "map-to-ttyname",
        "master_detach", "modem", "mp", "mppe-stateful", "mpshortseq", "ms-lanman", "multilink",
        "need-peer-eap", "noaccomp", "noauth", "nobsdcomp", "noccp", "nocdtrcts", "nocrtscts",
        "nodefaultroute", "nodefaultroute6", "nodeflate", "nodeflatedraft", "nodetach", "noecp",
        "noendpoint", "noip", "noipdefault", "noipv6", "noipx", "noktune", "nolock", "nolog",
        "nologfd", "nomagic", "nomp", "nomppe", "nomppe-128", "nomppe-40", "nomppe-stateful",
        "nompshortseq", "nomultilink", "nopcomp", "nopersist", "nopredictor1", "noproxyarp",
        "noremoteip", "noreplacedefaultroute", "nosendip", "notty", "novj", "novjccomp", "papcrypt",
        "passive", "persist", "pppol2tp_lns_mode", "pppol2tp_recv_seq", "pppol2tp_send_seq",
        "predictor1", "proxyarp", "receive-all", "refuse-chap", "refuse-eap", "refuse-mschap",
        "refuse-mschap-v2", "refuse-pap", "replacedefaultroute", "require-chap", "require-eap",
        "require-mppe", "require-mppe-128", "require-mppe-40", "require-mschap", "require-mschap-v2",
        "require-pap", "show-password", "silent", "srp-use-pseudonym", "sync", "up_sdnotify",
        "updetach", "usehostname", "usepeerdns", "vc-encaps", "xonxoff",
        // added in pppd 2.5
        "-v", "ipv6cp-noremote", "ipv6cp-nosend", "ipv6cp-use-remotenumber", "noresolvconf",
        "show-options", "tls-verify-key-usage", "usepeerwins",
        // the MPPE/MPPC patch
        "mppc", "nomppc",
    ];

    private static readonly Dictionary<string, bool> TakesArgumentByName = Build();

    /// <summary>True when pppd reads the next word as this option's argument.</summary>
    public static bool TakesArgument(string option) =>
        TakesArgumentByName.TryGetValue(option, out var takes) && takes;

    /// <summary>True when the word is an option pppd knows by name (with or without argument).</summary>
    public static bool IsKnown(string option) => TakesArgumentByName.ContainsKey(option);

    /// <summary>Every option name in the table.</summary>
    public static IEnumerable<string> KnownOptions => TakesArgumentByName.Keys;

    private static Dictionary<string, bool> Build()
    {
        var table = new Dictionary<string, bool>(OptionsWithArgument.Length + FlagOptions.Length, StringComparer.Ordinal);
        foreach (var name in OptionsWithArgument) table[name] = true;
        foreach (var name in FlagOptions) table[name] = false;
        return table;
    }
}
