namespace PppTui.Core.Kinds.Pppoe;

/// <summary>
/// PPPoE through pppd's rp-pppoe plugin: <c>plugin rp-pppoe.so</c> (<c>pppoe.so</c> since pppd 2.5)
/// and the Ethernet interface as a bare word (on its own line or after the plugin).
/// </summary>
public sealed class PppoeKind() : SettingsKind<PppoeSettings>(Id, TomlKeys), IProfileKind
{
    private static readonly string[] ServiceOptions = ["pppoe-service", "rp_pppoe_service"];
    private static readonly string[] AcOptions = ["pppoe-ac", "rp_pppoe_ac"];

    /// <summary>The kind's id in profile files and on the command line.</summary>
    public static readonly ProfileKind Id = new("pppoe");

    public string DisplayName => "PPPoE";
    public string Description => Msg.T("DSL or fibre via PPP over Ethernet (rp-pppoe plugin)");

    public IReadOnlyList<ProfileField> Fields { get; } =
    [
        ConnectionText("interface", "Interface", "Ethernet interface (e.g. eth0) toward the modem or ONT", s => s.Interface, (s, v) => s.Interface = v),
        ConnectionText("service", "Service name", "PPPoE service name, if the ISP requires one", s => s.ServiceName, (s, v) => s.ServiceName = v),
        ConnectionText("ac", "Access concentrator", "PPPoE access concentrator name, if several answer", s => s.AccessConcentrator, (s, v) => s.AccessConcentrator = v),
    ];

    private static readonly KindTomlKey<PppoeSettings>[] TomlKeys =
    [
        KindTomlKey<PppoeSettings>.Text("interface", s => s.Interface, (s, v) => s.Interface = v),
        KindTomlKey<PppoeSettings>.Text("plugin", s => s.Plugin, (s, v) => s.Plugin = v),
        KindTomlKey<PppoeSettings>.Text("service", s => s.ServiceName, (s, v) => s.ServiceName = v),
        KindTomlKey<PppoeSettings>.Text("ac", s => s.AccessConcentrator, (s, v) => s.AccessConcentrator = v),
    ];

    public void Validate(Profile profile, Action<string, string?> check)
    {
        var pppoe = Of(profile);
        // A peers file without the interface word is one pppd reads (the interface then comes
        // from an options file or the command line), so only a given interface is checked.
        if (pppoe.Interface is not null) check("interface", ValueRules.CheckInterface(pppoe.Interface));
        // The plugin takes any bare word after it that looks like an interface name as the
        // interface, wherever it stands: such a word among the extra options would be read back
        // as the interface, so it is asked for as one.
        foreach (var line in profile.ExtraOptions)
            foreach (var entry in ProfileRenderer.ExtraLineEntries(line))
                if (entry.Argument is null && IsInterfaceWord(entry.Name))
                    check("extra", Msg.F("'{0}' is read by the PPPoE plugin as the interface: set it as the interface (--interface {0}) instead", entry.Name));
        check("service", ValueRules.CheckSecretWord(pppoe.ServiceName, "the service name"));
        check("ac", ValueRules.CheckSecretWord(pppoe.AccessConcentrator, "the access concentrator name"));
        if (pppoe.Plugin is not (null or PppoePluginName.Classic or PppoePluginName.Renamed))
            check("plugin", Msg.T("the PPPoE plugin is rp-pppoe.so (or pppoe.so on newer pppd)"));
    }

    public IReadOnlyList<string> OwnedOptions { get; } = ["plugin", .. ServiceOptions, .. AcOptions];

    public KindNeeds Needs(Profile profile) => KindNeeds.PppoePlugin;

    public string? Plugin(Profile profile) => Of(profile).Plugin;

    public bool Recognises(OptionFile peers) => IsPppoePlugin(peers.GetArgument("plugin"));

    public bool Models(OptionEntry entry, OptionFile peers) =>
        (entry.Name == "plugin" && IsPppoePlugin(entry.Argument)) ||
        ServiceOptions.Contains(entry.Name) || AcOptions.Contains(entry.Name) ||
        (Recognises(peers) && InterfaceEntry(peers) is { } iface && iface.NameWord == entry.NameWord);

    public void Import(OptionFile peers, Profile profile, KindContext context)
    {
        var pppoe = Of(profile);
        pppoe.Plugin = peers.GetArgument("plugin");
        pppoe.Interface = InterfaceEntry(peers)?.Name;
        pppoe.ServiceName = ServiceOptions.Select(peers.GetArgument).FirstOrDefault(v => v is not null);
        pppoe.AccessConcentrator = AcOptions.Select(peers.GetArgument).FirstOrDefault(v => v is not null);
    }

    public void Render(PeersEditor peers, Profile profile, KindContext context)
    {
        var pppoe = Of(profile);
        var written = peers.Argument("plugin");
        // A profile that names no plugin keeps the file's PPPoE plugin line, or gets the name the
        // installed pppd ships (pppd 2.5 renamed rp-pppoe.so to pppoe.so).
        var plugin = pppoe.Plugin ?? (IsPppoePlugin(written) ? written! : PppoePluginName.For(context.Pppd.InstalledVersion()));
        if (written != plugin) peers.Value("plugin", plugin);
        var iface = InterfaceEntry(peers.File);
        if (iface is null) { if (pppoe.Interface is not null) peers.Add(pppoe.Interface); }
        else if (pppoe.Interface is null) peers.Remove(iface.Name);
        else if (iface.Name != pppoe.Interface) peers.ReplaceWord(iface.NameWord, pppoe.Interface);
        RenderAliased(peers, ServiceOptions, pppoe.ServiceName);
        RenderAliased(peers, AcOptions, pppoe.AccessConcentrator);
    }

    public void ApplyDefaults(Profile profile)
    {
        var ppp = profile.Ppp;
        ppp.UserKeyword = "user";
        ppp.NameLinkAfter(profile.Name);
        ppp.NoAuth = true;
        ppp.Persist = true;
        ppp.MaxFail = 0;
        ppp.Holdoff = 10;
        ppp.DefaultRoute = DefaultRouteMode.Add;
        ppp.UsePeerDns = true;
        ppp.Mtu = 1492;
        ppp.Mru = 1492;
        ppp.LcpEchoInterval = 20;
        ppp.LcpEchoFailure = 3;
        profile.ExtraOptions = ["noipdefault", "hide-password"];
    }

    public IEnumerable<PlannedFile> RenderOwnFiles(Profile profile, KindContext context, Func<string, string?> readDisk) => [];

    // The one option the file spells either way: keep the spelling it uses.
    private static void RenderAliased(PeersEditor peers, string[] spellings, string? value)
    {
        var used = spellings.FirstOrDefault(peers.Has) ?? spellings[0];
        foreach (var other in spellings.Where(s => s != used)) peers.Remove(other);
        peers.Value(used, value);
    }

    private static bool IsPppoePlugin(string? plugin) =>
        plugin is not null && Path.GetFileName(plugin) is PppoePluginName.Classic or PppoePluginName.Renamed;

    /// <summary>
    /// The interface word: a bare word the plugin claims, after the plugin line. Speeds, devices
    /// and address pairs are pppd's own bare words and never an interface.
    /// </summary>
    private static OptionEntry? InterfaceEntry(OptionFile peers)
    {
        var plugin = peers.Entries.FirstOrDefault(e => e.Name == "plugin" && IsPppoePlugin(e.Argument));
        if (plugin is null) return null;
        return peers.Entries.FirstOrDefault(e => e.NameWord.Start > plugin.NameWord.Start && e.Argument is null && IsInterfaceWord(e.Name));
    }

    private static bool IsInterfaceWord(string word) =>
        !PppOptionTable.IsKnown(word) && !word.StartsWith('/') && !word.All(char.IsAsciiDigit) && !word.Contains(':') &&
        ValueRules.CheckInterface(word) is null;
}
