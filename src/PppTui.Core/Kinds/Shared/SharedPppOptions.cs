namespace PppTui.Core.Kinds;

/// <summary>A field's option that takes effect from a file other than the profile's peers file.</summary>
public sealed record InheritedSetting(string FieldKey, EffectiveOption Option)
{
    public string Text => Option.Argument is null ? Option.Name : $"{Option.Name} {Option.Argument}";
}

/// <summary>An ordered list of shared PPP options: the order of the profile file's <c>[ppp]</c> keys and of the peers file's lines.</summary>
public sealed class SharedPppOptionTable
{
    private readonly HashSet<string> _modeled;

    public SharedPppOptionTable(IEnumerable<SharedPppOption> options)
    {
        Options = options.ToList();
        // "password" is not a field and never written by ppptui, but claimed so that a hand-written
        // password stays in the peers file as it is instead of being copied into the profile as an extra line.
        _modeled = new HashSet<string>(Options.SelectMany(o => o.PeersOptions).Append("password"), StringComparer.Ordinal);
    }

    public IReadOnlyList<SharedPppOption> Options { get; }

    /// <summary>A copy with one more option at the end.</summary>
    public SharedPppOptionTable With(SharedPppOption option) => new(Options.Append(option));

    public bool Models(string option) => _modeled.Contains(option);
}

/// <summary>
/// The PPP settings every kind shares, in one table, and their reading from and writing to a
/// peers file. Each option compares what the file says with what the profile says and edits only
/// when they differ.
/// </summary>
public static class SharedPppOptions
{
    /// <summary>The names of <see cref="MppeMode"/> in profile files and the CLI.</summary>
    public static IReadOnlyList<KeyValuePair<string, MppeMode>> MppeNames { get; } =
    [
        new("none", MppeMode.None), new("required", MppeMode.Required), new("required-128", MppeMode.Required128),
        new("required-40", MppeMode.Required40), new("refused", MppeMode.Refused),
    ];

    /// <summary>The names of <see cref="DefaultRouteMode"/> in profile files and the CLI.</summary>
    public static IReadOnlyList<KeyValuePair<string, DefaultRouteMode>> RouteNames { get; } =
    [
        new("none", DefaultRouteMode.None), new("add", DefaultRouteMode.Add),
        new("replace", DefaultRouteMode.Replace), new("never", DefaultRouteMode.Never),
    ];

    // Declared before the table, which reads them while it is built.
    private static readonly FieldPlace UserPlace =
        new("User", "User name for authentication (the secrets record's client)", 10, OnEveryPage: true, Section: ProfileFields.Login);
    private static readonly FieldPlace RoutesPlace =
        new("Routes", "Networks to route through the link, comma separated (e.g. 10.0.0.0/8)", 140, OnEveryPage: true);
    private static readonly FieldPlace DnsHookPlace =
        new("DNS on the link", "With usepeerdns: an ip-up.d hook gives the peer's DNS servers to systemd-resolved, resolvconf or resolv.conf, and ip-down.d takes them out", 72);
    private static readonly FieldPlace DnsDomainsPlace =
        new("DNS domains", "Lookups of these domains go to the link's DNS servers (systemd-resolved routing domains; comma separated, . for all)", 145);
    private static readonly string[] MppeOptions = ["require-mppe", "require-mppe-128", "require-mppe-40", "nomppe"];

    private static readonly (string Name, Func<PppSettings, bool> Get, Action<PppSettings, bool> Set)[] Refusals =
    [
        ("pap", p => p.RefusePap, (p, v) => p.RefusePap = v),
        ("chap", p => p.RefuseChap, (p, v) => p.RefuseChap = v),
        ("mschap", p => p.RefuseMsChap, (p, v) => p.RefuseMsChap = v),
        ("mschap-v2", p => p.RefuseMsChapV2, (p, v) => p.RefuseMsChapV2 = v),
        ("eap", p => p.RefuseEap, (p, v) => p.RefuseEap = v),
    ];

    /// <summary>Every shared option, in profile-file and peers-file order.</summary>
    public static SharedPppOptionTable Default { get; } = new(
    [
        User(),
        SharedPppOption.Value("remotename", "remotename", "remotename", p => p.RemoteName, (p, v) => p.RemoteName = v,
            v => ValueRules.CheckSecretWord(v, "the remote name"),
            new FieldPlace("Remote name", "Server name in the secrets record (PPTP: the tunnel name)", 20, Section: ProfileFields.Login)),
        SharedPppOption.Value("linkname", "linkname", "linkname", p => p.LinkName, (p, v) => p.LinkName = v,
            v => v is null ? null : ValueRules.CheckProfileName(v)),
        SharedPppOption.Value("ipparam", "ipparam", "ipparam", p => p.IpParam, (p, v) => p.IpParam = v,
            v => ValueRules.CheckSecretWord(v, "ipparam")),
        Flag("noauth", "noauth", p => p.NoAuth, (p, v) => p.NoAuth = v,
            new FieldPlace("Don't authenticate server", "noauth: do not require the server to authenticate itself", 130)),
        Refuse(),
        Mppe(),
        Flag("mppe_stateful", "mppe-stateful", p => p.MppeStateful, (p, v) => p.MppeStateful = v),
        Number("mtu", "mtu", p => p.Mtu, (p, v) => p.Mtu = v, 128, 16384,
            new FieldPlace("MTU", "Largest packet sent (128-16384; PPPoE 1492, less inside a VPN tunnel)", 40, OnEveryPage: true)),
        // pppd reads mru, lcp-echo-*, holdoff and maxfail as plain integers (o_int without
        // OPT_LIMITS, lcp.c and options.c): any value it takes imports and applies; only mtu has
        // limits (MINMRU..MAXMRU).
        Number("mru", "mru", p => p.Mru, (p, v) => p.Mru = v, int.MinValue, int.MaxValue,
            new FieldPlace("MRU", "Largest packet accepted (128-16384)", 50)),
        Number("lcp-echo-interval", "lcp_echo_interval", p => p.LcpEchoInterval, (p, v) => p.LcpEchoInterval = v, int.MinValue, int.MaxValue,
            new FieldPlace("LCP echo interval", "Seconds between keep-alive echoes", 110)),
        Number("lcp-echo-failure", "lcp_echo_failure", p => p.LcpEchoFailure, (p, v) => p.LcpEchoFailure = v, int.MinValue, int.MaxValue,
            new FieldPlace("LCP echo failures", "Unanswered echoes before the link is declared dead", 120)),
        Flag("persist", "persist", p => p.Persist, (p, v) => p.Persist = v,
            new FieldPlace("Keep up (persist)", "Redial when the link drops", 80, OnEveryPage: true)),
        Number("holdoff", "holdoff", p => p.Holdoff, (p, v) => p.Holdoff = v, int.MinValue, int.MaxValue,
            new FieldPlace("Holdoff", "Seconds to wait before redialling", 90)),
        Number("maxfail", "maxfail", p => p.MaxFail, (p, v) => p.MaxFail = v, int.MinValue, int.MaxValue,
            new FieldPlace("Max failures", "Give up after this many failed attempts (0 = never)", 100)),
        DefaultRoute(),
        Flag("usepeerdns", "usepeerdns", p => p.UsePeerDns, (p, v) => p.UsePeerDns = v,
            new FieldPlace("Use peer DNS", "Ask the server for DNS servers", 70, OnEveryPage: true)),
        SharedPppOption.Flag("ipv6", "ipv6", "+ipv6", p => p.Ipv6, (p, v) => p.Ipv6 = v,
            new FieldPlace("IPv6", "+ipv6: negotiate IPv6 too (IPV6CP; link-local addresses on both ends)", 75)),
        Routes(),
        DnsHook(),
        DnsDomains(),
    ]);

    private static readonly AsyncLocal<SharedPppOptionTable?> Override = new();

    /// <summary>The table in use: <see cref="Default"/>, unless a test put a copy in place with <see cref="Use"/>.</summary>
    public static SharedPppOptionTable Table => Override.Value ?? Default;

    /// <summary>Puts another table in place for the current async flow until the result is disposed.</summary>
    public static IDisposable Use(SharedPppOptionTable table)
    {
        var previous = Override.Value;
        Override.Value = table;
        return new Restore(() => Override.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public static bool Models(string option) => Table.Models(option);

    public static void Import(OptionFile peers, PppSettings ppp)
    {
        foreach (var option in Table.Options) option.Import(peers, ppp);
    }

    public static void Render(PeersEditor peers, PppSettings ppp)
    {
        foreach (var option in Table.Options) option.Render(peers, ppp);
    }

    /// <summary>
    /// The settings a profile gets from another file pppd reads (/etc/ppp/options, a file
    /// included with <c>file</c>): options of a field that take effect from anywhere but the
    /// profile's own peers file, by field key. The profile shows its peers file's value; these say
    /// what pppd really does on top of it.
    /// </summary>
    public static IReadOnlyList<InheritedSetting> Inherited(IReadOnlyList<EffectiveOption> options, string peersFile) =>
        (from option in Table.Options
         from effective in options
         where effective.TakesEffect && effective.File != peersFile && option.PeersOptions.Contains(effective.Name)
         select new InheritedSetting(option.Key, effective)).ToList();

    private static SharedPppOption Flag(string tomlKey, string pppdOption, Func<PppSettings, bool> get, Action<PppSettings, bool> set,
        FieldPlace? field = null) =>
        SharedPppOption.Flag(pppdOption, tomlKey, pppdOption, get, set, field);

    private static SharedPppOption Number(string key, string tomlKey, Func<PppSettings, int?> get, Action<PppSettings, int?> set,
        int min, int max, FieldPlace field) =>
        SharedPppOption.Number(key, tomlKey, key, get, set, min, max, field);

    // "name" and "user" both carry the name for authentication; the profile remembers which one the file uses.
    private static SharedPppOption User() => new SharedPppOption("user")
    {
        ReadToml = (toml, ppp) =>
        {
            ppp.User = toml.String("user");
            ppp.UserKeyword = toml.String("user_keyword") ?? "name";
        },
        WriteToml = (toml, ppp) =>
        {
            toml.Key("user", ppp.User);
            if (ppp.UserKeyword != "name") toml.Key("user_keyword", ppp.UserKeyword);
        },
        PeersOptions = ["name", "user"],
        Import = (peers, ppp) =>
        {
            // pppd authenticates with "user" when the file sets it, else with "name" (which also
            // names the local system): with both, "user" is the one that counts.
            if (peers.GetArgument("user") is { } user)
            {
                ppp.User = user;
                ppp.UserKeyword = "user";
            }
            else
            {
                ppp.User = peers.GetArgument("name");
                ppp.UserKeyword = "name";
            }
        },
        Render = (peers, ppp) =>
        {
            // A "user" line would override a "name" one, so it goes when the profile authenticates
            // by "name"; a "name" line beside "user" only names the local system and stays.
            var keyword = ppp.UserKeyword == "user" ? "user" : "name";
            if (keyword == "name" && peers.Has("user") && peers.Argument("user") != ppp.User) peers.Remove("user");
            peers.Value(keyword, ppp.User);
        },
        Validate = ppp => new[]
        {
            ValueRules.CheckSecretWord(ppp.User, "the user name"),
            ppp.UserKeyword is "name" or "user" ? null : "the keyword must be 'name' or 'user'",
        }.OfType<string>(),
    }.WithField(UserPlace, ProfileFields.Text("user", UserPlace.Label, UserPlace.Help, d => d.Profile.Ppp.User, (d, v) => d.Profile.Ppp.User = v));


    private static SharedPppOption Refuse() => new("refuse")
    {
        ReadToml = (toml, ppp) =>
        {
            var refused = toml.Strings("refuse");
            foreach (var (name, _, set) in Refusals) set(ppp, refused.Contains(name));
            foreach (var r in refused.Where(r => Refusals.All(p => p.Name != r)))
                toml.Problem("refuse", $"unknown protocol '{r}' (use {string.Join(", ", Refusals.Select(p => p.Name))})");
        },
        WriteToml = (toml, ppp) =>
        {
            var refused = Refusals.Where(p => p.Get(ppp)).Select(p => p.Name).ToList();
            if (refused.Count > 0) toml.Key("refuse", refused);
        },
        PeersOptions = Refusals.Select(p => "refuse-" + p.Name).ToList(),
        Import = (peers, ppp) =>
        {
            foreach (var (name, _, set) in Refusals) set(ppp, peers.Has("refuse-" + name));
        },
        Render = (peers, ppp) =>
        {
            foreach (var (name, get, _) in Refusals) peers.Flag("refuse-" + name, get(ppp));
        },
    };

    private static SharedPppOption Mppe() => SharedPppOption.Choice("mppe", "mppe", MppeNames, p => p.Mppe, (p, v) => p.Mppe = v,
            MppeOptions, ReadMppe, (peers, mode) =>
            {
                var wanted = mode switch
                {
                    MppeMode.Required => "require-mppe",
                    MppeMode.Required128 => "require-mppe-128",
                    MppeMode.Required40 => "require-mppe-40",
                    MppeMode.Refused => "nomppe",
                    _ => null,
                };
                if (wanted is not null) peers.Add(wanted);
            }, new FieldPlace("Encryption (MPPE)", "MPPE requirement; PPTP servers normally want required-128", 30)) with
        {
            Validate = ppp => ppp.Mppe is MppeMode.Required or MppeMode.Required128 or MppeMode.Required40 && ppp.RefuseMsChapV2 && ppp.RefuseMsChap
                ? ["MPPE needs MS-CHAP or MS-CHAPv2 for its keys: allow MS-CHAPv2, or turn MPPE off"]
                : [],
        };

    private static SharedPppOption DefaultRoute() => SharedPppOption.Choice("default-route", "default_route", RouteNames,
            p => p.DefaultRoute, (p, v) => p.DefaultRoute = v,
            ["defaultroute", "replacedefaultroute", "nodefaultroute"], ReadDefaultRoute, (peers, mode) =>
            {
                switch (mode)
                {
                    case DefaultRouteMode.Add: peers.Add("defaultroute"); break;
                    case DefaultRouteMode.Replace: peers.Add("defaultroute"); peers.Add("replacedefaultroute"); break;
                    case DefaultRouteMode.Never: peers.Add("nodefaultroute"); break;
                }
            }, new FieldPlace("Default route", "add: only if none exists; replace: take it over and restore on down", 60, OnEveryPage: true));

    // Routes are not pppd options: they go into ppptui's ip-up.d script (see ProfileRenderer).
    private static SharedPppOption Routes() => new SharedPppOption("routes")
    {
        ReadToml = (toml, ppp) => ppp.Routes = toml.Strings("routes"),
        WriteToml = (toml, ppp) => { if (ppp.Routes.Count > 0) toml.Key("routes", ppp.Routes); },
        Validate = ppp => ppp.Routes.Select(ValueRules.CheckRoute).OfType<string>(),
    }.WithField(RoutesPlace, ProfileFields.List("routes", RoutesPlace.Label, RoutesPlace.Help, d => d.Profile.Ppp.Routes, (d, v) => d.Profile.Ppp.Routes = v));


    private static SharedPppOption DnsHook() => new SharedPppOption("dns_hook")
    {
        ReadToml = (toml, ppp) => ppp.DnsHook = toml.Bool("dns_hook") ?? false,
        WriteToml = (toml, ppp) => { if (ppp.DnsHook) toml.Key("dns_hook", true); },
    }.WithField(DnsHookPlace, ProfileFields.Flag("dns-hook", DnsHookPlace.Label, DnsHookPlace.Help, d => d.Profile.Ppp.DnsHook, (d, v) => d.Profile.Ppp.DnsHook = v));

    private static SharedPppOption DnsDomains() => new SharedPppOption("dns_domains")
    {
        ReadToml = (toml, ppp) => ppp.DnsDomains = toml.Strings("dns_domains"),
        WriteToml = (toml, ppp) => { if (ppp.DnsDomains.Count > 0) toml.Key("dns_domains", ppp.DnsDomains); },
        Validate = ppp => ppp.DnsDomains.Select(ValueRules.CheckDnsDomain).OfType<string>(),
    }.WithField(DnsDomainsPlace, ProfileFields.List("dns-domains", DnsDomainsPlace.Label, DnsDomainsPlace.Help, d => d.Profile.Ppp.DnsDomains, (d, v) => d.Profile.Ppp.DnsDomains = v));

    private static MppeMode ReadMppe(OptionFile peers) =>
        peers.Has("nomppe") ? MppeMode.Refused
        : peers.Has("require-mppe-128") ? MppeMode.Required128
        : peers.Has("require-mppe-40") ? MppeMode.Required40
        : peers.Has("require-mppe") ? MppeMode.Required
        : MppeMode.None;

    private static DefaultRouteMode ReadDefaultRoute(OptionFile peers) =>
        peers.Has("nodefaultroute") ? DefaultRouteMode.Never
        : peers.Has("replacedefaultroute") ? DefaultRouteMode.Replace
        : peers.Has("defaultroute") ? DefaultRouteMode.Add
        : DefaultRouteMode.None;

    /// <summary>
    /// A number as pppd's int_option() reads it: strtoul() with base 0 (0x... hex, a leading 0
    /// octal, so "01416" is 782), whatever follows the digits ignored, the result cut to 32 bits.
    /// Null when no digit starts the text (pppd refuses the option).
    /// </summary>
    internal static int? PppInteger(string? text)
    {
        if (text is null) return null;
        var i = 0;
        while (i < text.Length && PppWordReader.IsSpace(text[i])) i++;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-') negative = text[i++] == '-';
        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0') radix = 8;
        ulong value = 0;
        var digits = 0;
        for (; i < text.Length; i++, digits++)
        {
            var digit = char.IsAsciiDigit(text[i]) ? text[i] - '0' : char.IsAsciiLetter(text[i]) ? (text[i] | 0x20) - 'a' + 10 : 99;
            if (digit >= radix) break;
            value = value > (ulong.MaxValue - (ulong)digit) / (ulong)radix ? ulong.MaxValue : value * (ulong)radix + (ulong)digit;
        }
        if (digits == 0) return null;
        if (negative) value = unchecked(0 - value);
        return unchecked((int)(uint)value);
    }

}
