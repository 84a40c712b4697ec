namespace PppTui.Core.Dialing;

/// <summary>
/// Reads the options pppd will use for <c>pppd call NAME</c>: option name to argument (null for
/// flags). The dialer only needs a handful of them (linkname, logfile, mtu, defaultroute,
/// usepeerdns, persist, MPPE), so any reader that understands pppd's option syntax will do.
/// </summary>
public interface IPeerOptionsReader
{
    /// <summary>The effective options for peer <paramref name="name"/>; empty when there is no such file.</summary>
    IReadOnlyDictionary<string, string?> Read(string name);
}

/// <summary>Typed access to the few options the dialer and the status view care about.</summary>
public sealed class PeerOptions
{
    public static readonly PeerOptions Empty = new(new Dictionary<string, string?>());

    public PeerOptions(IReadOnlyDictionary<string, string?> options)
    {
        All = options;
    }

    public IReadOnlyDictionary<string, string?> All { get; }

    public bool Has(string option) => All.ContainsKey(option);

    public string? Value(string option) => All.TryGetValue(option, out var v) ? v : null;

    public string? LinkName => Value("linkname");
    public string? LogFile => Value("logfile");
    public int? Mtu => Number("mtu");
    public int? Mru => Number("mru");
    public int? LcpEchoInterval => Number("lcp-echo-interval");
    public int? LcpEchoFailure => Number("lcp-echo-failure");
    public bool DefaultRoute => Has("defaultroute") || Has("replacedefaultroute");
    public bool ReplaceDefaultRoute => Has("replacedefaultroute");
    public bool UsePeerDns => Has("usepeerdns");
    public bool Persist => Has("persist") || Has("demand");
    public bool RequiresMppe => Has("require-mppe") || Has("require-mppe-128") || Has("require-mppe-40");
    public string? Pty => Value("pty");
    public string? Plugin => Value("plugin");
    public string? User => Value("user") ?? Value("name");
    public string? RemoteName => Value("remotename");

    /// <summary>Whether pppd negotiates IPv6 (IPV6CP): <c>+ipv6</c>, or <c>ipv6 LOCAL,REMOTE</c>, not taken back by <c>-ipv6</c>/<c>noipv6</c>.</summary>
    public bool AsksIpv6 => (Has("+ipv6") || Has("ipv6")) && !Has("-ipv6") && !Has("noipv6");

    /// <summary>pppd 2.5's <c>lcp-rtt-file</c>: where it logs the round-trip time of each LCP echo.</summary>
    public string? LcpRttFile => Value("lcp-rtt-file");

    /// <summary>The PPTP server named in <c>pty "pptp SERVER ..."</c>, when this is a PPTP peer.</summary>
    public string? PptpServer
    {
        get
        {
            if (Pty is not { } pty) return null;
            var words = pty.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.FindIndex(words, w => Path.GetFileName(w) == "pptp");
            if (at < 0) return null;
            return words.Skip(at + 1).FirstOrDefault(w => !w.StartsWith('-'));
        }
    }

    public bool IsPptp => PptpServer is not null;

    public bool IsPppoe => (Plugin ?? "").Contains("pppoe", StringComparison.OrdinalIgnoreCase);

    private int? Number(string option) =>
        int.TryParse(Value(option), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>
/// The options pppd will run a peer with, read by the same parser the editor uses
/// (<see cref="EffectiveOptions"/>: /etc/ppp/options, then peers/NAME, with <c>file</c> includes),
/// keeping only the options no later line overrides.
/// </summary>
public sealed class PeerOptionsFileReader : IPeerOptionsReader
{
    private readonly SystemPaths _paths;

    public PeerOptionsFileReader(SystemPaths paths)
    {
        _paths = paths;
    }

    public IReadOnlyDictionary<string, string?> Read(string name)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (LinkNames.Problem(name) is not null || !File.Exists(_paths.PeerFile(name))) return result;
        try
        {
            foreach (var option in EffectiveOptions.For(_paths, name))
                if (option.TakesEffect && option.Name is not ("file" or "call"))
                    result[option.Name] = option.Argument;
        }
        catch (PppTuiException)
        {
            // An unreadable or vanished file: the dialer and status views work without options.
        }
        return result;
    }
}
