namespace PppTui.Core.Kinds;

/// <summary>One key of a kind's own table in profile files, read into and written from the kind's settings.</summary>
public sealed record KindTomlKey<TSettings>(Action<TomlSection, TSettings> Read, Action<ProfileTomlWriter, TSettings> Write)
{
    public static KindTomlKey<TSettings> Text(string key, Func<TSettings, string?> get, Action<TSettings, string?> set) =>
        new((toml, settings) => set(settings, toml.String(key)), (toml, settings) => toml.Key(key, get(settings)));

    public static KindTomlKey<TSettings> Number(string key, Func<TSettings, int?> get, Action<TSettings, int?> set) =>
        new((toml, settings) => set(settings, toml.Int(key)), (toml, settings) => toml.Key(key, get(settings)));

    /// <summary>A list of strings, written only when it has any.</summary>
    public static KindTomlKey<TSettings> List(string key, Func<TSettings, List<string>> get, Action<TSettings, List<string>> set) =>
        new((toml, settings) => set(settings, toml.Strings(key)), (toml, settings) =>
        {
            if (get(settings).Count > 0) toml.Key(key, get(settings));
        });

    /// <summary>Reads every key of a kind's table, in order.</summary>
    public static void ReadAll(IEnumerable<KindTomlKey<TSettings>> keys, TomlSection section, TSettings settings)
    {
        foreach (var key in keys) key.Read(section, settings);
    }

    /// <summary>Writes every key of a kind's table, in order.</summary>
    public static void WriteAll(IEnumerable<KindTomlKey<TSettings>> keys, ProfileTomlWriter writer, TSettings settings)
    {
        foreach (var key in keys) key.Write(writer, settings);
    }
}
