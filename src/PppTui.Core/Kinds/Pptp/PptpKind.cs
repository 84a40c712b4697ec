namespace PppTui.Core.Kinds.Pptp;

/// <summary>
/// PPTP VPN: pppd runs <c>pptp SERVER --nolaunchpppd</c> as its pty, authenticates with MS-CHAPv2
/// and encrypts with MPPE. The server goes into a command pppd hands to /bin/sh, so it must be a
/// plain host name or address (the validator makes sure).
/// </summary>
public sealed class PptpKind() : SettingsKind<PptpSettings>(Id, TomlKeys), IProfileKind
{
    /// <summary>The kind's id in profile files and on the command line.</summary>
    public static readonly ProfileKind Id = new("pptp");

    public string DisplayName => "PPTP VPN";
    public string Description => Msg.T("A PPTP VPN server (pptp-linux), MS-CHAPv2 with MPPE encryption");

    // MS-CHAPv2 reduces to one DES key search (shown publicly in 2012): a captured handshake gives
    // the password's hash whatever the password, and MPPE keys come from it.
    public string? Caution => Msg.T("PPTP (MS-CHAPv2) can be broken offline: use L2TP/IPsec");

    public IReadOnlyList<ProfileField> Fields { get; } =
    [
        ConnectionText("server", "Server", "PPTP server host name or IP address", s => s.Server, (s, v) => s.Server = v),
        ProfileFields.List("pptp-args", "pptp arguments", "Extra pptp arguments, comma separated (e.g. --loglevel,0)",
            d => Of(d.Profile).PptpArguments, (d, v) => Of(d.Profile).PptpArguments = v),
    ];

    public IReadOnlyList<string> SharedFieldKeys { get; } = ["remotename", "mppe"];

    /// <summary>
    /// The <c>mtu</c> and <c>mru</c> a new PPTP profile gets: the largest PPP payload whose GRE
    /// packet still fits a 1500-byte path. pppd's default (1500, which it lowers by 4 for MPPE to
    /// the 1496 the interface shows) makes 1540-byte packets that a 1500-byte path drops or
    /// fragments, so the link comes up and then hangs on large packets.
    /// </summary>
    public const int SafeMtu = PathMtu - OuterIpv4 - EnhancedGre - PppHeader;

    private const int PathMtu = 1500;
    private const int OuterIpv4 = 20;
    // 8 bytes of enhanced GRE (RFC 2637) plus the sequence and acknowledgement numbers, 4 each.
    private const int EnhancedGre = 16;
    // Address/control (FF 03) and the protocol field; pppd negotiates neither compression for PPTP.
    private const int PppHeader = 4;
    // The MPPE header (2) and the inner protocol field (2) sit inside the PPP payload: pppd
    // subtracts them from the interface MTU itself (MPPE_PAD), so they are not in SafeMtu.
    private const int MppeInPayload = 4;

    /// <summary>The arithmetic behind <see cref="SafeMtu"/>, shown next to the MTU field of a PPTP page (in the current language).</summary>
    public static string MtuArithmetic => Msg.F(
        "A new PPTP profile gets mtu/mru {0}: a {1}-byte path - {2} outer IPv4 - {3} GRE (8 + sequence 4 + ack 4) - {4} PPP (address/control 2 + protocol 2) = {0}; MPPE then takes {5} (header 2 + inner protocol 2), so the link shows {6}. pppd's default leaves 1496 and large packets hang. Over a PPPoE uplink (1492) use {7}.",
        SafeMtu, PathMtu, OuterIpv4, EnhancedGre, PppHeader, MppeInPayload, SafeMtu - MppeInPayload, SafeMtu - 8);

    // A getter, not a stored table: the text is looked up in the language of the moment.
    public IReadOnlyDictionary<string, string> SharedFieldHelp => ProfileFields.MtuAndMruHelp(MtuArithmetic);

    private static readonly KindTomlKey<PptpSettings>[] TomlKeys =
    [
        KindTomlKey<PptpSettings>.Text("server", s => s.Server, (s, v) => s.Server = v),
        KindTomlKey<PptpSettings>.List("arguments", s => s.PptpArguments, (s, v) => s.PptpArguments = v),
    ];

    public void Validate(Profile profile, Action<string, string?> check)
    {
        var pptp = Of(profile);
        check("server", ValueRules.CheckHost(pptp.Server));
        foreach (var argument in pptp.PptpArguments) check("pptp-args", ValueRules.CheckShellSafeArgument(argument));
        if (string.IsNullOrEmpty(profile.Ppp.User)) check("user", Msg.T("a user name is required for a VPN"));
    }

    public IReadOnlyList<string> OwnedOptions { get; } = ["pty"];

    // pppd talks to pptp through a pty, which needs ppp_async.
    public KindNeeds Needs(Profile profile) => KindNeeds.AsyncTty | KindNeeds.PptpProgram;

    public string? ProbeHost(Profile profile) => Of(profile).Server;

    public bool Recognises(OptionFile peers) => IsPptpCommand(peers.GetArgument("pty"));

    public bool Models(OptionEntry entry, OptionFile peers) => entry.Name == "pty" && Recognises(peers);

    public void Import(OptionFile peers, Profile profile, KindContext context)
    {
        var words = CommandWords.Split(peers.GetArgument("pty") ?? "");
        var pptp = Of(profile);
        pptp.Server = words.Count > 1 ? words[1] : null;
        pptp.PptpArguments = words.Skip(2).Where(w => w != "--nolaunchpppd").ToList();
    }

    public void Render(PeersEditor peers, Profile profile, KindContext context)
    {
        var pptp = Of(profile);
        var current = CommandWords.Split(peers.Argument("pty") ?? "");
        var same = IsPptpCommand(peers.Argument("pty")) && (current.Count > 1 ? current[1] : null) == pptp.Server &&
                   current.Skip(2).Where(w => w != "--nolaunchpppd").SequenceEqual(pptp.PptpArguments);
        if (same) return;
        var program = current.Count > 0 && CommandWords.ProgramName(current) == "pptp" ? current[0] : "pptp";
        var command = string.Join(' ', new[] { program, pptp.Server ?? "", "--nolaunchpppd" }.Concat(pptp.PptpArguments));
        peers.Value("pty", command);
    }

    public void ApplyDefaults(Profile profile)
    {
        var ppp = profile.Ppp;
        ppp.NameLinkAfter(profile.Name);
        ppp.NoAuth = true;
        ppp.RefusePap = ppp.RefuseEap = ppp.RefuseChap = ppp.RefuseMsChap = true;
        ppp.Mppe = MppeMode.Required128;
        ppp.Mtu = ppp.Mru = SafeMtu;
        profile.ExtraOptions = ["lock", "nobsdcomp", "nodeflate"];
    }

    public IEnumerable<PlannedFile> RenderOwnFiles(Profile profile, KindContext context, Func<string, string?> readDisk) => [];

    private static bool IsPptpCommand(string? pty) =>
        pty is not null && CommandWords.ProgramName(CommandWords.Split(pty)) == "pptp";
}
