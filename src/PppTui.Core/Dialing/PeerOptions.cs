using System.Globalization;
using System.Text;
using PppTui.Core.Files;

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
    public bool DefaultRoute => Has("defaultroute") || Has("replacedefaultroute");
    public bool ReplaceDefaultRoute => Has("replacedefaultroute");
    public bool UsePeerDns => Has("usepeerdns");
    public bool Persist => Has("persist") || Has("demand");
    public bool RequiresMppe => Has("require-mppe") || Has("require-mppe-128") || Has("require-mppe-40");
    public string? Pty => Value("pty");
    public string? Plugin => Value("plugin");
    public string? User => Value("user") ?? Value("name");
    public string? RemoteName => Value("remotename");

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
/// A small reader of pppd option files: /etc/ppp/options, then /etc/ppp/peers/NAME, following
/// <c>file</c> includes. It follows pppd's word rules (quotes, <c>#</c> comments, backslash
/// escapes) but knows only which options take an argument, nothing about their meaning.
/// </summary>
public sealed class PeerOptionsFileReader : IPeerOptionsReader
{
    private const int MaxIncludeDepth = 8;

    // Options that take one argument in pppd 2.4.9 and its common plugins.
    private static readonly HashSet<string> TakesArgument = new(StringComparer.Ordinal)
    {
        "name", "user", "password", "remotename", "connect", "disconnect", "init", "welcome",
        "asyncmap", "escape", "mru", "mtu", "mrru", "holdoff", "idle", "maxconnect", "maxfail",
        "unit", "ifname", "lcp-echo-interval", "lcp-echo-failure", "lcp-restart", "lcp-max-configure",
        "lcp-max-terminate", "lcp-max-failure", "ipcp-restart", "ipcp-max-configure",
        "ipcp-max-terminate", "ipcp-max-failure", "pap-restart", "pap-max-authreq", "pap-timeout",
        "chap-restart", "chap-max-challenge", "chap-interval", "eap-restart", "eap-max-sreq",
        "eap-timeout", "eap-max-rreq", "eap-interval", "file", "call", "ipparam", "ms-dns", "ms-wins",
        "domain", "netmask", "logfile", "logfd", "kdebug", "linkname", "pty", "socket", "record",
        "plugin", "connect-delay", "defaultroute-metric", "ip-up-script", "ip-down-script",
        "ipv6-up-script", "ipv6-down-script", "ipv6", "bsdcomp", "deflate", "vj-max-slots",
        "active-filter", "pass-filter", "endpoint", "remotenumber", "child-timeout", "passwordfd",
        "pppoe-service", "pppoe-ac", "pppoe-mac", "pppoe-padi-timeout",
        "pppoe-padi-attempts", "pppoe-host-uniq", "host-uniq", "rp_pppoe_service", "rp_pppoe_ac",
        "rp_pppoe_sess", "rp_pppoe_mac", "pppoe-mtu", "pppoe-mru", "maxoctets", "mo-timeout",
        "pppol2tp", "pppoatm", "ca", "cert", "key", "crl", "capath", "crl-dir", "pkcs12", "max-tls-version",
    };

    // Turning an option off removes what it turned on, so "last word wins" holds.
    private static readonly Dictionary<string, string[]> Negations = new(StringComparer.Ordinal)
    {
        ["nodefaultroute"] = ["defaultroute", "replacedefaultroute"],
        ["-defaultroute"] = ["defaultroute", "replacedefaultroute"],
        ["noreplacedefaultroute"] = ["replacedefaultroute"],
        ["nopersist"] = ["persist"],
        ["nomppe"] = ["require-mppe", "require-mppe-128", "require-mppe-40"],
        ["nomppe-128"] = ["require-mppe-128"],
        ["nomppe-40"] = ["require-mppe-40"],
        ["nolog"] = ["logfile"],
        ["nodetach"] = ["updetach"],
        ["updetach"] = ["nodetach"],
    };

    private readonly SystemPaths _paths;

    public PeerOptionsFileReader(SystemPaths paths)
    {
        _paths = paths;
    }

    public IReadOnlyDictionary<string, string?> Read(string name)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (LinkNames.Problem(name) is not null) return result;
        var peer = _paths.PeerFile(name);
        if (!File.Exists(peer)) return result;
        ReadInto(result, _paths.Options, 0);
        ReadInto(result, peer, 0);
        return result;
    }

    private void ReadInto(Dictionary<string, string?> result, string path, int depth)
    {
        if (depth > MaxIncludeDepth || !File.Exists(path)) return;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            string? argument = null;
            if (TakesArgument.Contains(word) && i + 1 < words.Count) argument = words[++i];
            if (word == "file" && argument is not null)
            {
                ReadInto(result, _paths.Resolve(argument), depth + 1);
                continue;
            }
            if (Negations.TryGetValue(word, out var cleared))
                foreach (var c in cleared) result.Remove(c);
            result[word] = argument;
        }
    }

    /// <summary>Splits option-file text into words the way pppd's getword does.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                if (next == '\n') continue; // line continuation
                if (next == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; continue; }
                inWord = true;
                word.Append(Escape(text, ref i, next));
                continue;
            }
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
                continue;
            }
            if (c == '#')
            {
                // A comment runs to the end of the line, even in the middle of a word.
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    private static string Escape(string text, ref int i, char c)
    {
        switch (c)
        {
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 's': return " ";
            case 't': return "\t";
            case 'x':
            {
                var value = 0;
                var digits = 0;
                while (digits < 2 && i + 1 < text.Length && Uri.IsHexDigit(text[i + 1]))
                {
                    value = value * 16 + Convert.ToInt32(text[++i].ToString(), 16);
                    digits++;
                }
                return digits == 0 ? "x" : ((char)value).ToString();
            }
            case >= '0' and <= '7':
            {
                var value = c - '0';
                var digits = 1;
                while (digits < 3 && i + 1 < text.Length && text[i + 1] is >= '0' and <= '7')
                {
                    value = value * 8 + (text[++i] - '0');
                    digits++;
                }
                return ((char)value).ToString();
            }
            default: return c.ToString();
        }
    }
}
