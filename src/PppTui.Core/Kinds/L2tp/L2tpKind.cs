namespace PppTui.Core.Kinds.L2tp;

/// <summary>
/// L2TP through xl2tpd, the successor of PPTP on the same pppd: a <c>[lac NAME]</c> section of
/// /etc/xl2tpd/xl2tpd.conf names the LNS and the pppd options file (the profile's peers file),
/// and xl2tpd starts pppd when told <c>c NAME</c> on its control file. With IPsec, a swanctl
/// connection (IKEv1, PSK, transport mode) protects the tunnel's UDP port 1701.
/// </summary>
public sealed class L2tpKind() : SettingsKind<L2tpSettings>(Id, TomlKeys), IProfileKind
{
    /// <summary>The kind's id in profile files and on the command line.</summary>
    public static readonly ProfileKind Id = new("l2tp");

    /// <summary>xl2tpd's configuration (Debian's path).</summary>
    public const string XlConfPath = "/etc/xl2tpd/xl2tpd.conf";

    /// <summary>xl2tpd's control file: "c NAME" dials, "d NAME" hangs up.</summary>
    public const string ControlPath = "/var/run/xl2tpd/l2tp-control";

    private const string AuthMsChapV2 = "mschapv2";
    private const string AuthChap = "chap";
    private const string AuthOther = "other";

    public string DisplayName => "L2TP/IPsec VPN";
    public string Description => Msg.T("An L2TP VPN server (xl2tpd), optionally inside IPsec with a pre-shared key (strongSwan)");

    public IReadOnlyList<ProfileField> Fields { get; } =
    [
        ConnectionText("server", "Server", "L2TP server (LNS) host name or IP address", s => s.Server, (s, v) => s.Server = v),
        ProfileFields.Choice("ipsec", "IPsec", "psk: L2TP inside IPsec (IKEv1, pre-shared key, strongSwan); none: plain L2TP, unencrypted",
            ["psk", "none"], d => Of(d.Profile).Ipsec ? "psk" : "none", (d, v) => Of(d.Profile).Ipsec = v == "psk")
            with { Section = ProfileFields.Connection },
        new("psk", "IPsec PSK", "Pre-shared key, written only into the swanctl file (mode 0600)", FieldType.Secret,
            d => d.Secrets.Psk, (d, v) => { d.Secrets.Psk = string.IsNullOrEmpty(v) ? null : v; return null; }) { Section = ProfileFields.Connection },
        ProfileFields.Choice("auth", "Authentication", "mschapv2 (what most L2TP servers ask) or chap; other: as the refuse options say",
            [AuthMsChapV2, AuthChap, AuthOther], d => AuthOf(d.Profile.Ppp), (d, v) => SetAuth(d.Profile.Ppp, v))
            with { Section = ProfileFields.Login },
    ];

    /// <summary>
    /// The <c>mtu</c> and <c>mru</c> a new L2TP profile gets: the largest PPP payload whose packet
    /// still fits a 1500-byte path inside IPsec (and so also without it). pppd's default 1500 makes
    /// packets the path fragments or drops: the link comes up and then hangs on large packets.
    /// </summary>
    public const int SafeMtu = PathMtu - OuterIpv4 - EspOverhead - Udp - L2tpHeader - PppHeader;

    /// <summary>The largest PPP payload of plain L2TP (no IPsec) on a 1500-byte path.</summary>
    public const int PlainMtu = PathMtu - OuterIpv4 - Udp - L2tpHeader - PppHeader;

    private const int PathMtu = 1500;
    private const int OuterIpv4 = 20;
    private const int Udp = 8;
    // Flags/version 2, length 2 (xl2tpd's "length bit"), tunnel id 2, session id 2.
    private const int L2tpHeader = 8;
    // Address/control (FF 03) and the protocol field.
    private const int PppHeader = 4;
    // ESP in transport mode, at worst: SPI 4 + sequence 4 + IV 16 (AES-CBC) + padding up to 15
    // + pad length 1 + next header 1 + ICV 16 (HMAC-SHA-256-128).
    private const int EspOverhead = 4 + 4 + 16 + 15 + 1 + 1 + 16;

    /// <summary>The arithmetic behind <see cref="SafeMtu"/>, shown next to the MTU field of an L2TP page (in the current language).</summary>
    public static string MtuArithmetic => Msg.F(
        "A new L2TP profile gets mtu/mru {0}: a {1}-byte path - {2} outer IPv4 - {3} ESP at worst (SPI 4 + sequence 4 + IV 16 + padding up to 15 + trailer 2 + ICV 16) - {4} UDP - {5} L2TP - {6} PPP (address/control 2 + protocol 2) = {0}. Without IPsec {7} fits. Over a PPPoE uplink (1492) use 8 less.",
        SafeMtu, PathMtu, OuterIpv4, EspOverhead, Udp, L2tpHeader, PppHeader, PlainMtu);

    // A getter, not a stored table: the text is looked up in the language of the moment.
    public IReadOnlyDictionary<string, string> SharedFieldHelp => ProfileFields.MtuAndMruHelp(MtuArithmetic);

    private static readonly KindTomlKey<L2tpSettings>[] TomlKeys =
    [
        KindTomlKey<L2tpSettings>.Text("server", s => s.Server, (s, v) => s.Server = v),
        KindTomlKey<L2tpSettings>.Text("ipsec", s => s.Ipsec ? "psk" : "none", (s, v) => s.Ipsec = v == "psk"),
    ];

    public void Validate(Profile profile, Action<string, string?> check)
    {
        check("server", ValueRules.CheckHost(Of(profile).Server));
        if (string.IsNullOrEmpty(profile.Ppp.User)) check("user", Msg.T("a user name is required for a VPN"));
    }

    // xl2tpd starts pppd itself on the tunnel's session: a pty or device would fight it.
    public IReadOnlyList<string> OwnedOptions { get; } = ["pty"];

    public KindNeeds Needs(Profile profile) => KindNeeds.None;

    public IEnumerable<string> OwnFilePaths(Profile profile) => Of(profile).Ipsec ? [SwanctlConf.SystemPath(profile.Name)] : [];

    public IEnumerable<SectionEdit> OwnSections(Profile profile) =>
    [
        new SectionEdit(XlConfPath, text => { var conf = Xl2tpdConf.Parse(text); conf.RemoveLac(profile.Name); return conf.Text; }),
        new SectionEdit(IpsecConf.ConfPath, text => IpsecConf.WithConn(text, profile.Name, null)),
        new SectionEdit(IpsecConf.SecretsPath, text => IpsecConf.WithSecret(text, profile.Name, null, null)),
    ];

    public string? ProbeHost(Profile profile) => null;

    // Only xl2tpd.conf tells an L2TP options file from any other: it has no pty, plugin or device.
    public bool Recognises(OptionFile peers) => false;

    public bool Recognises(string name, OptionFile peers, KindContext context) =>
        peers.GetArgument("pty") is null && peers.GetArgument("plugin") is null && LacFor(name, context) is not null;

    public bool Models(OptionEntry entry, OptionFile peers) => false;

    public void Import(OptionFile peers, Profile profile, KindContext context)
    {
        var l2tp = Of(profile);
        var conf = LacFor(profile.Name, context);
        l2tp.Server = conf?.Get(profile.Name, "lns");
        l2tp.Ipsec = SwanctlDefines(profile.Name, context) || IpsecConf.HasConn(TextFile.ReadIfReadable(context.Paths.Resolve(IpsecConf.ConfPath)), profile.Name);
    }

    private static bool SwanctlDefines(string name, KindContext context) =>
        TextFile.ReadIfReadable(context.Paths.Resolve(SwanctlConf.SystemPath(name))) is { } swan && SwanctlConf.Defines(swan);

    /// <summary>
    /// True when the profile's IPsec lives in /etc/ipsec.conf and /etc/ipsec.secrets: its conn
    /// section is there already, or the box has ipsec.conf and no swanctl (its strongSwan is run
    /// by the ipsec starter). A swanctl file of the profile wins: what was written stays where it is.
    /// </summary>
    private static bool UsesIpsecConf(string name, KindContext context, Func<string, string?> read)
    {
        if (read(context.Paths.Resolve(SwanctlConf.SystemPath(name))) is { } swan && SwanctlConf.Defines(swan)) return false;
        var conf = read(context.Paths.Resolve(IpsecConf.ConfPath));
        if (IpsecConf.HasConn(conf, name)) return true;
        return conf is not null && !Directory.Exists(context.Paths.Resolve(SwanctlDir));
    }

    private const string SwanctlDir = "/etc/swanctl";

    // The [lac NAME] section that names this peers file as its pppd options, or, when there is no
    // peers file NAME, any options file (what a hand-made set-up often uses, such as
    // /etc/ppp/options.l2tpd.client): the link is still NAME's.
    private static Xl2tpdConf? LacFor(string name, KindContext context)
    {
        var conf = Xl2tpdConf.Parse(TextFile.ReadIfReadable(context.Paths.Resolve(XlConfPath)));
        if (!conf.HasLac(name)) return null;
        var options = conf.Get(name, "pppoptfile");
        return options is null || options == PeersPath(name) || !File.Exists(context.Paths.PeerFile(name)) ? conf : null;
    }

    private static string PeersPath(string name) => "/etc/ppp/peers/" + name;

    /// <summary>
    /// The <c>[lac NAME]</c> sections whose <c>pppoptfile</c> is not the peers file of NAME (and no
    /// peers file NAME exists): imported from that options file. Applying the profile then moves
    /// its options to /etc/ppp/peers/NAME and points the section there; the old file stays as it was.
    /// </summary>
    public IReadOnlyDictionary<string, string> OptionsElsewhere(KindContext context)
    {
        var conf = Xl2tpdConf.Parse(TextFile.ReadIfReadable(context.Paths.Resolve(XlConfPath)));
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in conf.LacNames())
        {
            if (ValueRules.CheckProfileName(name) is not null || File.Exists(context.Paths.PeerFile(name))) continue;
            if (conf.Get(name, "pppoptfile") is { Length: > 0 } options && options.StartsWith('/') && options != PeersPath(name))
                found.TryAdd(name, options);
        }
        return found;
    }

    /// <summary>
    /// IPsec up (when the profile's swanctl file defines the connection), then <c>c NAME</c> to
    /// xl2tpd; hanging up is <c>d NAME</c>, then IPsec down. Null when no <c>[lac NAME]</c> names
    /// this peers file: then it is not an L2TP link.
    /// </summary>
    public DaemonDial? DaemonDial(string name, KindContext context)
    {
        if (LacFor(name, context) is not { } conf) return null;
        var connection = SwanctlConf.ConnectionName(name);
        IReadOnlyList<CommandSpec> up = [], down = [];
        if (SwanctlDefines(name, context))
        {
            var swanctl = File.Exists("/usr/sbin/swanctl") ? "/usr/sbin/swanctl" : "swanctl";
            // charon reads conf.d only when told: the profile's file may be new since it started.
            up =
            [
                new CommandSpec(swanctl, ["--load-all", "--noprompt"]) { Timeout = TimeSpan.FromSeconds(30) },
                new CommandSpec(swanctl, ["--initiate", "--child", connection, "--timeout", "30"]) { Timeout = TimeSpan.FromSeconds(40) },
            ];
            down = [new CommandSpec(swanctl, ["--terminate", "--ike", connection, "--timeout", "10"]) { Timeout = TimeSpan.FromSeconds(20) }];
        }
        else if (IpsecConf.HasConn(TextFile.ReadIfReadable(context.Paths.Resolve(IpsecConf.ConfPath)), name))
        {
            var ipsec = File.Exists("/usr/sbin/ipsec") ? "/usr/sbin/ipsec" : "ipsec";
            // The starter reads ipsec.conf and charon ipsec.secrets only when told: either may be new.
            up =
            [
                new CommandSpec(ipsec, ["rereadsecrets"]) { Timeout = TimeSpan.FromSeconds(20) },
                new CommandSpec(ipsec, ["update"]) { Timeout = TimeSpan.FromSeconds(20) },
                new CommandSpec(ipsec, ["up", connection]) { Timeout = TimeSpan.FromSeconds(60) },
            ];
            down = [new CommandSpec(ipsec, ["down", connection]) { Timeout = TimeSpan.FromSeconds(20) }];
        }
        return new DaemonDial("xl2tpd", ControlPath, "c " + name, "d " + name, up, down) { Server = conf.Get(name, "lns"), OptionsFile = conf.Get(name, "pppoptfile") ?? PeersPath(name) };
    }

    public void Render(PeersEditor peers, Profile profile, KindContext context)
    {
    }

    public void ApplyDefaults(Profile profile)
    {
        var ppp = profile.Ppp;
        // linkname matters most here: pppd is started by xl2tpd, not by ppptui.
        ppp.NameLinkAfter(profile.Name);
        ppp.NoAuth = true;
        SetAuth(ppp, AuthMsChapV2);
        ppp.Mtu = ppp.Mru = SafeMtu;
        ppp.DefaultRoute = DefaultRouteMode.None;
        // No "lock": pppd started by xl2tpd with its pppol2tp plugin has no tty and refuses it
        // ("unrecognized option 'lock'", seen in the lab).
        profile.ExtraOptions = ["noccp", "nodeflate", "nobsdcomp"];
        Of(profile).Ipsec = false;
    }

    public IEnumerable<PlannedFile> RenderOwnFiles(Profile profile, KindContext context, Func<string, string?> readDisk)
    {
        var l2tp = Of(profile);
        var confPath = context.Paths.Resolve(XlConfPath);
        var oldConf = readDisk(confPath);
        var conf = Xl2tpdConf.Parse(oldConf);
        conf.Set(profile.Name, "lns", l2tp.Server ?? "");
        conf.Set(profile.Name, "pppoptfile", PeersPath(profile.Name));
        // Without the length bit some LNSes drop the data packets; every client sets it.
        conf.Set(profile.Name, "length bit", "yes");
        var text = oldConf is null
            ? "; xl2tpd configuration; ppptui edits only the [lac NAME] sections of its profiles.\n\n" + conf.Text + "\n"
            : conf.Text;
        if (oldConf is not null && !text.EndsWith('\n') && text != oldConf) text += "\n";
        yield return Planned(XlConfPath, confPath, FileRole.Options, oldConf, text, null);

        if (UsesIpsecConf(profile.Name, context, readDisk))
        {
            foreach (var file in RenderIpsecConf(profile, context, readDisk)) yield return file;
            yield break;
        }
        var swanPath = SwanctlConf.SystemPath(profile.Name);
        var swanFull = context.Paths.Resolve(swanPath);
        var oldSwan = readDisk(swanFull);
        if (!l2tp.Ipsec)
        {
            // IPsec turned off: the connection (and its key) go, the file stays as a marker that says so.
            if (oldSwan is not null && SwanctlConf.Defines(oldSwan))
                yield return Planned(swanPath, swanFull, FileRole.IpsecConfig, oldSwan, SwanctlConf.Off(profile.Name), SwanctlConf.MaskPsk);
            yield break;
        }
        var psk = string.IsNullOrEmpty(context.Secrets?.Psk) ? SwanctlConf.ReadPsk(oldSwan) : context.Secrets.Psk;
        yield return Planned(swanPath, swanFull, FileRole.IpsecConfig, oldSwan, SwanctlConf.Render(profile.Name, l2tp.Server ?? "", psk),
            SwanctlConf.MaskPsk);
    }

    // The ipsec.conf variant: the conn section and the secrets record, or neither when IPsec is off.
    private static IEnumerable<PlannedFile> RenderIpsecConf(Profile profile, KindContext context, Func<string, string?> readDisk)
    {
        var l2tp = Of(profile);
        var confFull = context.Paths.Resolve(IpsecConf.ConfPath);
        var secretsFull = context.Paths.Resolve(IpsecConf.SecretsPath);
        var oldConf = readDisk(confFull);
        var oldSecrets = readDisk(secretsFull);
        var server = l2tp.Ipsec ? l2tp.Server ?? "" : null;
        var psk = string.IsNullOrEmpty(context.Secrets?.Psk) ? IpsecConf.ReadPsk(oldSecrets, profile.Name) : context.Secrets.Psk;
        var conf = IpsecConf.WithConn(oldConf, profile.Name, server);
        if (conf != (oldConf ?? "")) yield return Planned(IpsecConf.ConfPath, confFull, FileRole.Options, oldConf, conf, null);
        var secrets = IpsecConf.WithSecret(oldSecrets, profile.Name, server, psk);
        if (secrets != (oldSecrets ?? ""))
            yield return Planned(IpsecConf.SecretsPath, secretsFull, FileRole.IpsecConfig, oldSecrets, secrets, IpsecConf.MaskPsk);
    }

    private static PlannedFile Planned(string systemPath, string fullPath, FileRole role, string? old, string text, Func<string, string>? mask) =>
        new(systemPath, fullPath, role, old, text, old is null ? FileFingerprint.Absent : FileFingerprint.Of(old), PlannedFile.ModeFor(role))
        {
            Mask = mask,
        };

    private static string AuthOf(PppSettings ppp) => (ppp.RefusePap, ppp.RefuseChap, ppp.RefuseMsChap, ppp.RefuseMsChapV2, ppp.RefuseEap) switch
    {
        (true, true, true, false, true) => AuthMsChapV2,
        (true, false, true, true, true) => AuthChap,
        _ => AuthOther,
    };

    private static void SetAuth(PppSettings ppp, string auth)
    {
        if (auth == AuthOther) return;
        ppp.RefusePap = ppp.RefuseEap = ppp.RefuseMsChap = true;
        ppp.RefuseChap = auth != AuthChap;
        ppp.RefuseMsChapV2 = auth != AuthMsChapV2;
    }
}
