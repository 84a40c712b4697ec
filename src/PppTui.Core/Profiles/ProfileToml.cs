using System.Globalization;
using System.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace PppTui.Core.Profiles;

/// <summary>A problem in a profile file, with where it is: <c>file:line:col: message</c>.</summary>
public sealed record TomlProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>
/// Profiles as TOML. Parsing goes through Tomlyn's syntax tree so that every error, from a
/// missing quote to an MTU given as text, names its line and column. Writing is plain, stable
/// text (sorted as the model is declared) so that diffs of profile files stay readable.
/// Passwords have no place in this format: there is no key for them.
/// </summary>
public static class ProfileToml
{
    private sealed record Value(object Data, TextPosition Position);

    /// <summary>The largest profile file read (64 Ki characters); ppptui writes a few hundred bytes.</summary>
    public const int MaxFileChars = 64 * 1024;

    private const int MaxProblems = 20;

    /// <summary>Parses a profile; on failure returns null and the problems, each with file:line:col.</summary>
    public static Profile? Parse(string text, string fileName, out IReadOnlyList<TomlProblem> problems)
    {
        var found = new List<TomlProblem>();
        problems = found;
        if (text.Length > MaxFileChars)
        {
            found.Add(new TomlProblem(fileName, 1, 1,
                $"the file is {text.Length} characters long; a profile is a few hundred bytes, so this is not a profile file"));
            return null;
        }
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, fileName, false);
        }
        catch (Tomlyn.TomlException ex)
        {
            // Tomlyn throws rather than reports for some input (arrays nested deeper than 64).
            found.Add(new TomlProblem(fileName, ex.Line ?? 1, ex.Column ?? 1, ex.Message));
            return null;
        }
        catch (ArgumentException ex)
        {
            // ... and fails on an escape of a surrogate code point such as \uD800.
            found.Add(new TomlProblem(fileName, 1, 1, "not valid TOML: " + ex.Message));
            return null;
        }
        if (document.HasErrors)
        {
            // One broken line can yield an error per character: the first few say enough.
            foreach (var d in document.Diagnostics.Take(MaxProblems))
                found.Add(new TomlProblem(fileName, d.Span.Start.Line + 1, d.Span.Start.Column + 1, d.Message));
            return null;
        }

        var values = Flatten(document, fileName, found);
        if (found.Count > 0) return null;
        var reader = new Reader(values, fileName, found);
        var kindText = reader.String("kind") ?? "custom";
        if (!TryParseKind(kindText, out var kind))
        {
            reader.Problem("kind", $"unknown kind '{kindText}' (use pptp, pppoe, modem or custom)");
            return null;
        }
        var name = reader.String("name") ?? Path.GetFileNameWithoutExtension(fileName);
        var profile = new Profile(name, kind) { Description = reader.String("description") };
        var ppp = profile.Ppp;
        ppp.User = reader.String("ppp.user");
        ppp.UserKeyword = reader.String("ppp.user_keyword") ?? "name";
        ppp.RemoteName = reader.String("ppp.remotename");
        ppp.LinkName = reader.String("ppp.linkname");
        ppp.IpParam = reader.String("ppp.ipparam");
        ppp.NoAuth = reader.Bool("ppp.noauth") ?? false;
        var refused = reader.Strings("ppp.refuse");
        ppp.RefusePap = refused.Contains("pap");
        ppp.RefuseChap = refused.Contains("chap");
        ppp.RefuseMsChap = refused.Contains("mschap");
        ppp.RefuseMsChapV2 = refused.Contains("mschap-v2");
        ppp.RefuseEap = refused.Contains("eap");
        foreach (var r in refused.Where(r => r is not ("pap" or "chap" or "mschap" or "mschap-v2" or "eap")))
            reader.Problem("ppp.refuse", $"unknown protocol '{r}' (use pap, chap, mschap, mschap-v2, eap)");
        ppp.Mppe = reader.Enum("ppp.mppe", MppeNames, MppeMode.None);
        ppp.MppeStateful = reader.Bool("ppp.mppe_stateful") ?? false;
        ppp.Mtu = reader.Int("ppp.mtu");
        ppp.Mru = reader.Int("ppp.mru");
        ppp.LcpEchoInterval = reader.Int("ppp.lcp_echo_interval");
        ppp.LcpEchoFailure = reader.Int("ppp.lcp_echo_failure");
        ppp.Persist = reader.Bool("ppp.persist") ?? false;
        ppp.Holdoff = reader.Int("ppp.holdoff");
        ppp.MaxFail = reader.Int("ppp.maxfail");
        ppp.DefaultRoute = reader.Enum("ppp.default_route", RouteNames, DefaultRouteMode.None);
        ppp.UsePeerDns = reader.Bool("ppp.usepeerdns") ?? false;
        ppp.Routes = reader.Strings("ppp.routes");
        if (profile.Pptp is { } pptp)
        {
            pptp.Server = reader.String("pptp.server");
            pptp.PptpArguments = reader.Strings("pptp.arguments");
        }
        if (profile.Pppoe is { } pppoe)
        {
            pppoe.Interface = reader.String("pppoe.interface");
            pppoe.Plugin = reader.String("pppoe.plugin") ?? "rp-pppoe.so";
            pppoe.ServiceName = reader.String("pppoe.service");
            pppoe.AccessConcentrator = reader.String("pppoe.ac");
        }
        if (profile.Modem is { } modem)
        {
            modem.Device = reader.String("modem.device");
            modem.Speed = reader.Int("modem.speed");
            modem.Apn = reader.String("modem.apn");
            modem.Number = reader.String("modem.number");
            modem.ChatScript = reader.String("modem.chat_script");
            modem.ConnectCommand = reader.String("modem.connect");
        }
        profile.ExtraOptions = reader.Strings("options.extra");
        reader.ReportUnknownKeys();
        return found.Count > 0 ? null : profile;
    }

    public static string Write(Profile profile)
    {
        var w = new StringBuilder();
        w.Append("# ppptui profile. Passwords are not kept here: they live in /etc/ppp/chap-secrets\n");
        w.Append("# (or pap-secrets), readable by root only, where pppd reads them.\n");
        Key(w, "name", profile.Name);
        Key(w, "kind", KindName(profile.Kind));
        Key(w, "description", profile.Description);

        var ppp = profile.Ppp;
        w.Append("\n[ppp]\n");
        Key(w, "user", ppp.User);
        if (ppp.UserKeyword != "name") Key(w, "user_keyword", ppp.UserKeyword);
        Key(w, "remotename", ppp.RemoteName);
        Key(w, "linkname", ppp.LinkName);
        Key(w, "ipparam", ppp.IpParam);
        if (ppp.NoAuth) Key(w, "noauth", true);
        var refused = new List<string>();
        if (ppp.RefusePap) refused.Add("pap");
        if (ppp.RefuseChap) refused.Add("chap");
        if (ppp.RefuseMsChap) refused.Add("mschap");
        if (ppp.RefuseMsChapV2) refused.Add("mschap-v2");
        if (ppp.RefuseEap) refused.Add("eap");
        if (refused.Count > 0) Key(w, "refuse", refused);
        if (ppp.Mppe != MppeMode.None) Key(w, "mppe", MppeNames.First(p => p.Value == ppp.Mppe).Key);
        if (ppp.MppeStateful) Key(w, "mppe_stateful", true);
        Key(w, "mtu", ppp.Mtu);
        Key(w, "mru", ppp.Mru);
        Key(w, "lcp_echo_interval", ppp.LcpEchoInterval);
        Key(w, "lcp_echo_failure", ppp.LcpEchoFailure);
        if (ppp.Persist) Key(w, "persist", true);
        Key(w, "holdoff", ppp.Holdoff);
        Key(w, "maxfail", ppp.MaxFail);
        if (ppp.DefaultRoute != DefaultRouteMode.None) Key(w, "default_route", RouteNames.First(p => p.Value == ppp.DefaultRoute).Key);
        if (ppp.UsePeerDns) Key(w, "usepeerdns", true);
        if (ppp.Routes.Count > 0) Key(w, "routes", ppp.Routes);

        if (profile.Pptp is { } pptp)
        {
            w.Append("\n[pptp]\n");
            Key(w, "server", pptp.Server);
            if (pptp.PptpArguments.Count > 0) Key(w, "arguments", pptp.PptpArguments);
        }
        if (profile.Pppoe is { } pppoe)
        {
            w.Append("\n[pppoe]\n");
            Key(w, "interface", pppoe.Interface);
            Key(w, "plugin", pppoe.Plugin);
            Key(w, "service", pppoe.ServiceName);
            Key(w, "ac", pppoe.AccessConcentrator);
        }
        if (profile.Modem is { } modem)
        {
            w.Append("\n[modem]\n");
            Key(w, "device", modem.Device);
            Key(w, "speed", modem.Speed);
            Key(w, "apn", modem.Apn);
            Key(w, "number", modem.Number);
            Key(w, "chat_script", modem.ChatScript);
            Key(w, "connect", modem.ConnectCommand);
        }
        if (profile.ExtraOptions.Count > 0)
        {
            w.Append("\n[options]\n# Lines of the peers file ppptui does not model, kept verbatim.\n");
            Key(w, "extra", profile.ExtraOptions, multiline: true);
        }
        return w.ToString();
    }

    public static string KindName(ProfileKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParseKind(string text, out ProfileKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && text.All(char.IsAsciiLetter);

    internal static readonly KeyValuePair<string, MppeMode>[] MppeNames =
    [
        new("none", MppeMode.None), new("required", MppeMode.Required), new("required-128", MppeMode.Required128),
        new("required-40", MppeMode.Required40), new("refused", MppeMode.Refused),
    ];

    internal static readonly KeyValuePair<string, DefaultRouteMode>[] RouteNames =
    [
        new("none", DefaultRouteMode.None), new("add", DefaultRouteMode.Add),
        new("replace", DefaultRouteMode.Replace), new("never", DefaultRouteMode.Never),
    ];

    private static Dictionary<string, Value> Flatten(DocumentSyntax document, string fileName, List<TomlProblem> problems)
    {
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        void Add(string prefix, KeyValueSyntax kv)
        {
            var key = prefix + KeyText(kv.Key);
            var position = kv.Span.Start;
            if (!values.TryAdd(key, new Value(Convert(kv.Value), position)))
                problems.Add(new TomlProblem(fileName, position.Line + 1, position.Column + 1, $"'{key}' is set twice"));
        }
        foreach (var kv in document.KeyValues) Add("", kv);
        foreach (var table in document.Tables)
        {
            var prefix = KeyText(table.Name) + ".";
            foreach (var item in table.Items)
                if (item is KeyValueSyntax kv) Add(prefix, kv);
        }
        return values;
    }

    private static string KeyText(KeySyntax? key)
    {
        if (key is null) return "";
        var parts = new List<string> { KeyPart(key.Key) };
        foreach (var dot in key.DotKeys) parts.Add(KeyPart(dot.Key));
        return string.Join('.', parts);
    }

    private static string KeyPart(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax s => s.Value ?? "",
        _ => "",
    };

    private static object Convert(ValueSyntax? value) => value switch
    {
        StringValueSyntax s => s.Value ?? "",
        IntegerValueSyntax i => i.Value,
        BooleanValueSyntax b => b.Value,
        ArraySyntax a => a.Items.Select(item => Convert(item.Value)).ToList(),
        null => "",
        _ => value,
    };

    private sealed class Reader(Dictionary<string, Value> values, string fileName, List<TomlProblem> problems)
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public void Problem(string key, string message)
        {
            var position = values.TryGetValue(key, out var v) ? v.Position : new TextPosition(0, 0, 0);
            problems.Add(new TomlProblem(fileName, position.Line + 1, position.Column + 1, $"{key}: {message}"));
        }

        private Value? Get(string key)
        {
            _used.Add(key);
            return values.GetValueOrDefault(key);
        }

        public string? String(string key)
        {
            var v = Get(key);
            if (v is null) return null;
            if (v.Data is string s) return s;
            Problem(key, "must be a string in quotes");
            return null;
        }

        public int? Int(string key)
        {
            var v = Get(key);
            if (v is null) return null;
            if (v.Data is long l and >= int.MinValue and <= int.MaxValue) return (int)l;
            Problem(key, v.Data is long ? "the number is out of range" : "must be a whole number (no quotes)");
            return null;
        }

        public bool? Bool(string key)
        {
            var v = Get(key);
            if (v is null) return null;
            if (v.Data is bool b) return b;
            Problem(key, "must be true or false");
            return null;
        }

        public List<string> Strings(string key)
        {
            var v = Get(key);
            if (v is null) return [];
            if (v.Data is List<object> list && list.All(o => o is string)) return list.Cast<string>().ToList();
            Problem(key, "must be a list of strings, e.g. [\"a\", \"b\"]");
            return [];
        }

        public T Enum<T>(string key, KeyValuePair<string, T>[] names, T fallback)
        {
            var text = String(key);
            if (text is null) return fallback;
            foreach (var pair in names)
                if (pair.Key == text) return pair.Value;
            Problem(key, $"unknown value '{text}' (use {string.Join(", ", names.Select(n => n.Key))})");
            return fallback;
        }

        public void ReportUnknownKeys()
        {
            foreach (var key in values.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal))
                Problem(key, key.EndsWith("password", StringComparison.OrdinalIgnoreCase) || key.EndsWith("secret", StringComparison.OrdinalIgnoreCase)
                    ? "passwords do not belong in profile files; remove it and use 'ppptui set NAME --password-stdin'"
                    : "unknown key (a typo?)");
        }
    }

    private static void Key(StringBuilder w, string key, string? value)
    {
        if (value is null) return;
        w.Append(key).Append(" = ").Append(Quote(value)).Append('\n');
    }

    private static void Key(StringBuilder w, string key, int? value)
    {
        if (value is null) return;
        w.Append(key).Append(" = ").Append(value.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Key(StringBuilder w, string key, bool value) =>
        w.Append(key).Append(" = ").Append(value ? "true" : "false").Append('\n');

    private static void Key(StringBuilder w, string key, IReadOnlyList<string> values, bool multiline = false)
    {
        w.Append(key).Append(" = [");
        if (multiline)
        {
            w.Append('\n');
            foreach (var v in values) w.Append("  ").Append(Quote(v)).Append(",\n");
        }
        else
        {
            w.Append(string.Join(", ", values.Select(Quote)));
        }
        w.Append("]\n");
    }

    /// <summary>A TOML basic string that reads back as exactly <paramref name="value"/>.</summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (Rune.IsControl(rune)) sb.Append("\\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(rune.ToString());
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
