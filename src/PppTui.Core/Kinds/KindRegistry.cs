using PppTui.Core.Kinds.L2tp;

namespace PppTui.Core.Kinds;

/// <summary>
/// Every connection kind, in the order the New menu lists them. It drives the New menu, the editor
/// pages, <c>new --kind</c>, profile files, import and the doctor: a new kind is a folder under
/// <c>Kinds/</c> plus one line here.
/// </summary>
public static class KindRegistry
{
    public static IReadOnlyList<IProfileKind> All { get; } =
        [new PptpKind(), new L2tpKind(), new PppoeKind(), new ModemKind(), new CustomKind()];

    public static IProfileKind Get(ProfileKind kind) => All.FirstOrDefault(k => k.Kind == kind)
        ?? throw new ArgumentException($"unknown kind '{kind.Id}'", nameof(kind));

    /// <summary>A kind by its id, any case (letters and digits only, as profile files and the CLI spell it).</summary>
    public static bool TryParse(string text, out ProfileKind kind)
    {
        var found = text.All(char.IsAsciiLetterOrDigit)
            ? All.FirstOrDefault(k => string.Equals(k.Kind.Id, text, StringComparison.OrdinalIgnoreCase))
            : null;
        kind = found?.Kind ?? default;
        return found is not null;
    }

    /// <summary>The ids for messages: "a, b, c or d".</summary>
    public static string IdList { get; } =
        string.Join(", ", All.SkipLast(1).Select(k => k.Kind.Id)) + " or " + All[^1].Kind.Id;

    /// <summary>The kind of a peers file: the first that recognises it (the last takes the rest).</summary>
    public static IProfileKind Detect(OptionFile peers) => All.First(k => k.Recognises(peers));

    /// <summary>As <see cref="Detect(OptionFile)"/>, also asking the files around it (a daemon naming it as its options).</summary>
    public static IProfileKind Detect(string name, OptionFile peers, KindContext context) =>
        All.First(k => k.Recognises(name, peers, context));

    /// <summary>Every link some kind dials with options outside the peers folder: name and that file's system path.</summary>
    public static IEnumerable<KeyValuePair<string, string>> OptionsElsewhere(KindContext context) =>
        All.SelectMany(k => k.OptionsElsewhere(context));

    /// <summary>A new profile of a kind with that kind's sensible defaults.</summary>
    public static Profile NewProfile(string name, ProfileKind kind)
    {
        var profile = new Profile(name, kind);
        Get(kind).ApplyDefaults(profile);
        // The peer's DNS servers, where the profile asks for them, come from the profile's own
        // ip-up.d hook: the one way that also serves a persist redial and "pppd call NAME" by hand.
        profile.Ppp.DnsHook = true;
        return profile;
    }
}
