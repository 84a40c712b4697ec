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
        // An empty file (or one of comments only) is no profile: loading it as a blank custom
        // profile would let apply write an empty peers file over the real one.
        if (values.Count == 0)
        {
            found.Add(new TomlProblem(fileName, 1, 1, Msg.T("the profile file is empty: it has no kind and no settings")));
            return null;
        }
        var reader = new ProfileTomlReader(values, fileName, found);
        var kindText = reader.String("kind") ?? "custom";
        if (!KindRegistry.TryParse(kindText, out var kind))
        {
            reader.Problem("kind", $"unknown kind '{kindText}' (use {KindRegistry.IdList})");
            return null;
        }
        var name = reader.String("name") ?? Path.GetFileNameWithoutExtension(fileName);
        var profile = new Profile(name, kind) { Description = reader.String("description") };
        var ppp = new TomlSection(reader, "ppp");
        foreach (var option in SharedPppOptions.Table.Options) option.ReadToml(ppp, profile.Ppp);
        if (profile.KindSettings is not null) KindRegistry.Get(kind).ReadToml(new TomlSection(reader, kind.Id), profile);
        profile.ExtraOptions = reader.Strings("options.extra");
        reader.ReportUnknownKeys();
        return found.Count > 0 ? null : profile;
    }

    public static string Write(Profile profile)
    {
        var w = new StringBuilder();
        var writer = new ProfileTomlWriter(w);
        w.Append("# ppptui profile. Passwords are not kept here: they live in /etc/ppp/chap-secrets\n");
        w.Append("# (or pap-secrets), readable by root only, where pppd reads them.\n");
        writer.Key("name", profile.Name);
        writer.Key("kind", KindName(profile.Kind));
        writer.Key("description", profile.Description);

        w.Append("\n[ppp]\n");
        foreach (var option in SharedPppOptions.Table.Options) option.WriteToml(writer, profile.Ppp);
        if (profile.KindSettings is not null)
        {
            w.Append("\n[").Append(profile.Kind.Id).Append("]\n");
            KindRegistry.Get(profile.Kind).WriteToml(writer, profile);
        }
        if (profile.ExtraOptions.Count > 0)
        {
            w.Append("\n[options]\n# Lines of the peers file ppptui does not model, kept verbatim.\n");
            writer.Key("extra", profile.ExtraOptions, multiline: true);
        }
        return w.ToString();
    }

    /// <summary>The kind's id as profile files and the CLI spell it (<c>pptp</c>).</summary>
    public static string KindName(ProfileKind kind) => kind.Id;

    /// <summary>A kind by its id, any case (letters only).</summary>
    public static bool TryParseKind(string text, out ProfileKind kind) => KindRegistry.TryParse(text, out kind);

    private static Dictionary<string, TomlValue> Flatten(DocumentSyntax document, string fileName, List<TomlProblem> problems)
    {
        var values = new Dictionary<string, TomlValue>(StringComparer.Ordinal);
        void Add(string prefix, KeyValueSyntax kv)
        {
            var key = prefix + KeyText(kv.Key);
            var position = kv.Span.Start;
            if (!values.TryAdd(key, new TomlValue(Convert(kv.Value), position)))
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

    /// <summary>A TOML basic string that reads back as exactly <paramref name="value"/>.</summary>
    internal static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            // TOML names \b and \f too; they stay \u escapes: the files ppptui writes do not change.
            if (BackslashEscape.Named(rune.Value, "ntr") is { } escape) sb.Append(escape);
            else if (Rune.IsControl(rune)) sb.Append("\\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(rune.ToString());
        }
        return sb.Append('"').ToString();
    }
}
