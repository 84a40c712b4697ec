namespace PppTui.Core.Kinds;

/// <summary>
/// One PPP setting every kind shares, described once: its key in the profile file's <c>[ppp]</c>
/// table, the pppd options it reads from and writes to a peers file, its validation, and the field
/// (label, help, place) the editor and the CLI's <c>--KEY</c> option are built from. Rendering,
/// import, TOML, CLI flags and editor fields all walk <see cref="SharedPppOptions.Table"/>.
/// </summary>
/// <param name="Key">The field and error key (<c>mtu</c>, <c>lcp-echo-interval</c>).</param>
public sealed record SharedPppOption(string Key)
{
    public required Action<TomlSection, PppSettings> ReadToml { get; init; }
    public required Action<ProfileTomlWriter, PppSettings> WriteToml { get; init; }

    /// <summary>The pppd options this setting owns in a peers file (never kept as extra lines).</summary>
    public IReadOnlyList<string> PeersOptions { get; init; } = [];

    public Action<OptionFile, PppSettings> Import { get; init; } = static (_, _) => { };

    /// <summary>Makes the peers file say what the profile says, editing only what differs.</summary>
    public Action<PeersEditor, PppSettings> Render { get; init; } = static (_, _) => { };

    /// <summary>Problems with the value, reported on <see cref="Key"/>.</summary>
    public Func<PppSettings, IEnumerable<string>> Validate { get; init; } = static _ => [];

    /// <summary>The editable field, or null for a setting only profile files and imports carry.</summary>
    public ProfileField? Field { get; init; }

    /// <summary>Where the field sits among the shared fields of the CLI and the editor.</summary>
    public int FieldOrder { get; init; }

    /// <summary>True when every kind's editor page shows the field; others appear where a kind asks for them.</summary>
    public bool OnEveryPage { get; init; }

    /// <summary>The same option with an editable field.</summary>
    public SharedPppOption WithField(FieldPlace place, ProfileField field) =>
        this with { Field = field with { Section = place.Section }, FieldOrder = place.Order, OnEveryPage = place.OnEveryPage };

    private SharedPppOption WithField(FieldPlace? place, Func<ProfileField> field) => place is null ? this : WithField(place, field());

    private static Func<PppSettings, IEnumerable<string>> Check(Func<PppSettings, string?> check) =>
        ppp => check(ppp) is { } problem ? [problem] : [];

    /// <summary>A pppd option with a text argument (<c>remotename NAME</c>).</summary>
    public static SharedPppOption Value(string key, string tomlKey, string pppdOption,
        Func<PppSettings, string?> get, Action<PppSettings, string?> set, Func<string?, string?>? check = null, FieldPlace? field = null) => new SharedPppOption(key)
    {
        ReadToml = (toml, ppp) => set(ppp, toml.String(tomlKey)),
        WriteToml = (toml, ppp) => toml.Key(tomlKey, get(ppp)),
        PeersOptions = [pppdOption],
        Import = (peers, ppp) => set(ppp, peers.GetArgument(pppdOption)),
        Render = (peers, ppp) => peers.Value(pppdOption, get(ppp)),
        Validate = Check(ppp => check?.Invoke(get(ppp))),
    }.WithField(field, () => ProfileFields.Text(key, field!.Label, field.Help, d => get(d.Profile.Ppp), (d, v) => set(d.Profile.Ppp, v)));

    /// <summary>A pppd option without argument (<c>persist</c>), written to the profile file only when on.</summary>
    public static SharedPppOption Flag(string key, string tomlKey, string pppdOption,
        Func<PppSettings, bool> get, Action<PppSettings, bool> set, FieldPlace? field = null) => new SharedPppOption(key)
    {
        ReadToml = (toml, ppp) => set(ppp, toml.Bool(tomlKey) ?? false),
        WriteToml = (toml, ppp) => { if (get(ppp)) toml.Key(tomlKey, true); },
        PeersOptions = [pppdOption],
        Import = (peers, ppp) => set(ppp, peers.Has(pppdOption)),
        Render = (peers, ppp) => peers.Flag(pppdOption, get(ppp)),
    }.WithField(field, () => ProfileFields.Flag(key, field!.Label, field.Help, d => get(d.Profile.Ppp), (d, v) => set(d.Profile.Ppp, v)));

    /// <summary>A pppd option with a whole-number argument (<c>mtu 1400</c>) within a range.</summary>
    public static SharedPppOption Number(string key, string tomlKey, string pppdOption,
        Func<PppSettings, int?> get, Action<PppSettings, int?> set, int min, int max, FieldPlace? field = null) => new SharedPppOption(key)
    {
        ReadToml = (toml, ppp) => set(ppp, toml.Int(tomlKey)),
        WriteToml = (toml, ppp) => toml.Key(tomlKey, get(ppp)),
        PeersOptions = [pppdOption],
        Import = (peers, ppp) => set(ppp, SharedPppOptions.PppInteger(peers.GetArgument(pppdOption))),
        Render = (peers, ppp) => RenderNumber(peers, pppdOption, get(ppp)),
        Validate = Check(ppp => ValueRules.CheckRange(get(ppp), min, max)),
    }.WithField(field, () => ProfileFields.Number(key, field!.Label, field.Help, d => get(d.Profile.Ppp), (d, v) => set(d.Profile.Ppp, v)));

    /// <summary>
    /// A choice the peers file spells as one of several options (MPPE, the default route): the
    /// file is rewritten only when it means something else than the profile.
    /// </summary>
    public static SharedPppOption Choice<T>(string key, string tomlKey, IReadOnlyList<KeyValuePair<string, T>> names,
        Func<PppSettings, T> get, Action<PppSettings, T> set, IReadOnlyList<string> pppdOptions,
        Func<OptionFile, T> read, Action<PeersEditor, T> write, FieldPlace? field = null) where T : struct, Enum => new SharedPppOption(key)
    {
        ReadToml = (toml, ppp) => set(ppp, toml.Enum(tomlKey, names, default(T))),
        WriteToml = (toml, ppp) =>
        {
            if (!EqualityComparer<T>.Default.Equals(get(ppp), default)) toml.Key(tomlKey, names.First(p => p.Value.Equals(get(ppp))).Key);
        },
        PeersOptions = pppdOptions,
        Import = (peers, ppp) => set(ppp, read(peers)),
        Render = (peers, ppp) =>
        {
            if (read(peers.File).Equals(get(ppp))) return;
            foreach (var option in pppdOptions) peers.Remove(option);
            write(peers, get(ppp));
        },
    }.WithField(field, () => ProfileFields.Choice(key, field!.Label, field.Help, names.Select(p => p.Key).ToList(),
        d => names.First(p => p.Value.Equals(get(d.Profile.Ppp))).Key,
        (d, v) => set(d.Profile.Ppp, names.First(p => p.Key == v).Value)));

    // A number spelled "0x5d8" or "1416 # note" keeps its spelling while it means the same number;
    // one pppd cannot read at all is left for the user to fix rather than deleted.
    private static void RenderNumber(PeersEditor peers, string option, int? value)
    {
        if (value is null)
        {
            if (peers.Has(option) && SharedPppOptions.PppInteger(peers.Argument(option)) is null) return;
            peers.Remove(option);
            return;
        }
        if (SharedPppOptions.PppInteger(peers.File.GetArgument(option)) == value) return;
        peers.Value(option, value.Value.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>How a shared option shows as a field: its label and help, its order among the shared
/// fields, its editor section, and whether every kind's page shows it.</summary>
public sealed record FieldPlace(string Label, string Help, int Order, bool OnEveryPage = false, string Section = ProfileFields.Ppp);
