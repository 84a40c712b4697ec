namespace PppTui.Core.Kinds;

/// <summary>
/// What every kind with its own settings class does the same way: a new profile gets a fresh
/// <typeparamref name="TSettings"/>, and the kind's table of a profile file is read and written
/// through its list of keys. A kind derives from it and still names <see cref="IProfileKind"/>
/// itself, so its own members (not the interface's defaults) are the ones used.
/// </summary>
public abstract class SettingsKind<TSettings>(ProfileKind kind, IReadOnlyList<KindTomlKey<TSettings>> tomlKeys)
    where TSettings : class, IKindSettings, new()
{
    public ProfileKind Kind => kind;

    public IKindSettings NewSettings() => new TSettings();

    public void ReadToml(TomlSection section, Profile profile) => KindTomlKey<TSettings>.ReadAll(tomlKeys, section, Of(profile));

    public void WriteToml(ProfileTomlWriter writer, Profile profile) => KindTomlKey<TSettings>.WriteAll(tomlKeys, writer, Of(profile));

    /// <summary>The profile's settings of this kind (the registry gives every profile of the kind one).</summary>
    protected static TSettings Of(Profile profile) => (TSettings)profile.KindSettings!;

    /// <summary>A text field on the Connection page bound to one of the kind's own settings.</summary>
    protected static ProfileField ConnectionText(string key, string label, string help, Func<TSettings, string?> get, Action<TSettings, string?> set) =>
        ProfileFields.Text(key, label, help, d => get(Of(d.Profile)), (d, v) => set(Of(d.Profile), v)) with { Section = ProfileFields.Connection };

    /// <summary>A whole-number field on the Connection page bound to one of the kind's own settings.</summary>
    protected static ProfileField ConnectionNumber(string key, string label, string help, Func<TSettings, int?> get, Action<TSettings, int?> set) =>
        ProfileFields.Number(key, label, help, d => get(Of(d.Profile)), (d, v) => set(Of(d.Profile), v)) with { Section = ProfileFields.Connection };
}
