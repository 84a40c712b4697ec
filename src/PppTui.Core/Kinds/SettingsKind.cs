namespace PppTui.Core.Kinds;

/// <summary>
/// What every kind with its own settings class does the same way: a new profile gets a fresh
/// <typeparamref name="TSettings"/>, and the kind's table of a profile file is read and written
/// through its list of keys. A kind derives from it and still names <see cref="IProfileKind"/>
/// itself, so its own members (not the interface's defaults) are the ones used.
/// </summary>
public abstract class SettingsKind<TSettings>(IReadOnlyList<KindTomlKey<TSettings>> tomlKeys)
    where TSettings : class, IKindSettings, new()
{
    public IKindSettings NewSettings() => new TSettings();

    public void ReadToml(TomlSection section, Profile profile) => KindTomlKey<TSettings>.ReadAll(tomlKeys, section, Of(profile));

    public void WriteToml(ProfileTomlWriter writer, Profile profile) => KindTomlKey<TSettings>.WriteAll(tomlKeys, writer, Of(profile));

    /// <summary>The profile's settings of this kind (the registry gives every profile of the kind one).</summary>
    protected static TSettings Of(Profile profile) => (TSettings)profile.KindSettings!;
}
