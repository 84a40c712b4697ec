namespace PppTui.Core.Profiles;

/// <summary>A profile being edited together with the secrets typed for it (never stored).</summary>
public sealed class ProfileDraft(Profile profile, ProfileSecrets? secrets = null)
{
    public Profile Profile { get; } = profile;
    public ProfileSecrets Secrets { get; } = secrets ?? new ProfileSecrets();
}

public enum FieldType { Text, Number, Flag, Choice, List, Secret }

/// <summary>
/// One editable field: label, help, type, and how to read and write it as text. The TUI editor
/// builds its forms from these and the CLI's <c>set</c> options come from the same list, so both
/// front ends accept and reject exactly the same values.
/// </summary>
public sealed record ProfileField(
    string Key, string Label, string Help, FieldType Type,
    Func<ProfileDraft, string?> Get, Func<ProfileDraft, string?, string?> Set,
    IReadOnlyList<string>? Choices = null, IReadOnlyList<ProfileKind>? Kinds = null)
{
    public bool AppliesTo(ProfileKind kind) => Kinds is null || Kinds.Contains(kind);

    /// <summary>The editor section the field sits in (<see cref="ProfileFields.Connection"/>, Login, PPP).</summary>
    public string Section { get; init; } = ProfileFields.Ppp;

    /// <summary>Words the kind adds after the help on its own page, already in the current language.</summary>
    public string? ExtraHelp { get; init; }

    /// <summary>The label in the current language (<see cref="Label"/> stays English: it is the catalog key).</summary>
    public string ShownLabel => Msg.T(Label);

    /// <summary>The help in the current language, with the kind's extra words.</summary>
    public string ShownHelp => ExtraHelp is null ? Msg.T(Help) : Msg.T(Help) + " " + ExtraHelp;
}

public static class ProfileFields
{
    private static readonly IReadOnlyList<string> Bools = ["yes", "no"];

    public const string Connection = "Connection";
    public const string Login = "Login";
    public const string Ppp = "PPP";

    private static readonly string[] Sections = [Connection, Login, Ppp];

    private static readonly ProfileField Description =
        Text("description", "Description", "Free text shown in the profile list", d => d.Profile.Description, (d, v) => d.Profile.Description = v)
            with { Section = Connection };

    private static readonly ProfileField Password =
        new("password", "Password", "Stored only in chap-secrets/pap-secrets (mode 0600), never in the profile", FieldType.Secret,
            d => d.Secrets.Password, (d, v) => { d.Secrets.Password = v is null or "" ? null : v; return null; }) { Section = Login };

    // The password sits between the user and the remote name, where people look for it.
    private const int PasswordOrder = 15;

    private static readonly ConditionalWeakTable<Kinds.SharedPppOptionTable, IReadOnlyList<ProfileField>> AllByTable = new();

    /// <summary>
    /// Every field, in the order the CLI lists its options: the description, each kind's connection
    /// fields, the shared fields (from <see cref="Kinds.SharedPppOptions.Table"/>), each kind's other fields.
    /// </summary>
    public static IReadOnlyList<ProfileField> All => AllByTable.GetValue(Kinds.SharedPppOptions.Table, Compose);

    private static List<ProfileField> Compose(Kinds.SharedPppOptionTable table)
    {
        var kindFields = Kinds.KindRegistry.All.SelectMany(k => k.Fields.Select(f => f with { Kinds = [k.Kind] })).ToList();
        var shared = table.Options.Where(o => o.Field is not null).Select(o => (Order: o.FieldOrder, Field: o.Field!))
            .Append((Order: PasswordOrder, Field: Password)).OrderBy(x => x.Order).Select(x => x.Field);
        return [Description, .. kindFields.Where(f => f.Section == Connection), .. shared, .. kindFields.Where(f => f.Section != Connection)];
    }

    /// <summary>
    /// A kind's editor page, section by section: the description and the kind's connection fields,
    /// then the shared fields every page shows or the kind asks for, then the kind's own PPP fields.
    /// </summary>
    public static IReadOnlyList<ProfileField> PageFor(ProfileKind kind)
    {
        var profileKind = Kinds.KindRegistry.Get(kind);
        var shown = Kinds.SharedPppOptions.Table.Options
            .Where(o => o.Field is not null && (o.OnEveryPage || profileKind.SharedFieldKeys.Contains(o.Key)))
            .Select(o => o.Key).Append(Password.Key).ToHashSet(StringComparer.Ordinal);
        var own = profileKind.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var fields = All.Where(f => f.Key == Description.Key || own.Contains(f.Key) && f.AppliesTo(kind) || shown.Contains(f.Key));
        return fields.OrderBy(f => Array.IndexOf(Sections, f.Section))
            .Select(f => profileKind.SharedFieldHelp.TryGetValue(f.Key, out var extra) ? f with { ExtraHelp = extra } : f).ToList();
    }

    /// <summary>A section's heading in the current language.</summary>
    public static string SectionTitle(string section) => section switch
    {
        Connection => Msg.T("Connection"),
        Login => Msg.T("Login"),
        Ppp => Msg.T("PPP"),
        _ => Msg.T(section),
    };

    public static ProfileField? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    public static IEnumerable<ProfileField> For(ProfileKind kind) => All.Where(f => f.AppliesTo(kind));

    internal static string? Empty(string? v) => string.IsNullOrEmpty(v) ? null : v;

    /// <summary>A kind's words for both the MTU and the MRU field (a tunnel's overhead limits both alike).</summary>
    public static IReadOnlyDictionary<string, string> MtuAndMruHelp(string words) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { ["mtu"] = words, ["mru"] = words };

    public static ProfileField Text(string key, string label, string help, Func<ProfileDraft, string?> get, Action<ProfileDraft, string?> set) =>
        new(key, label, help, FieldType.Text, get, (d, v) => { set(d, Empty(v?.Trim())); return null; });

    public static ProfileField Number(string key, string label, string help, Func<ProfileDraft, int?> get, Action<ProfileDraft, int?> set) =>
        new(key, label, help, FieldType.Number, d => get(d)?.ToString(CultureInfo.InvariantCulture), (d, v) =>
        {
            if (string.IsNullOrWhiteSpace(v)) { set(d, null); return null; }
            if (!int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return $"'{v}' is not a whole number";
            set(d, n);
            return null;
        });

    public static ProfileField Flag(string key, string label, string help, Func<ProfileDraft, bool> get, Action<ProfileDraft, bool> set) =>
        new(key, label, help, FieldType.Flag, d => get(d) ? "yes" : "no", (d, v) =>
        {
            switch (v?.Trim().ToLowerInvariant())
            {
                case "yes" or "true" or "on" or "1": set(d, true); return null;
                case "no" or "false" or "off" or "0" or "" or null: set(d, false); return null;
                default: return $"'{v}' is not yes or no";
            }
        }, Bools);

    public static ProfileField Choice(string key, string label, string help, IReadOnlyList<string> choices, Func<ProfileDraft, string> get, Action<ProfileDraft, string> set) =>
        new(key, label, help, FieldType.Choice, get, (d, v) =>
        {
            var value = v?.Trim() ?? "";
            if (!choices.Contains(value)) return $"'{v}' is not one of {string.Join(", ", choices)}";
            set(d, value);
            return null;
        }, choices);

    public static ProfileField List(string key, string label, string help, Func<ProfileDraft, List<string>> get, Action<ProfileDraft, List<string>> set) =>
        new(key, label, help, FieldType.List, d => string.Join(",", get(d)), (d, v) =>
        {
            set(d, (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
            return null;
        });
}
