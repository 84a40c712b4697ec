using Tomlyn;

namespace PppTui.Core.Settings;

/// <summary>The outcome of reading the settings: the values, the file they came from, and any problem.</summary>
/// <param name="Settings">The values read, or the defaults.</param>
/// <param name="SourceFile">The file read, or null when none exists.</param>
/// <param name="Problem">Why the file was not used (file, line, what to do); the defaults apply meanwhile.</param>
public sealed record SettingsLoad(AppSettings Settings, string? SourceFile, string? Problem);

/// <summary>
/// Reads and writes ppptui.toml. Root (or a sandbox root) uses &lt;root&gt;/etc/ppptui/ppptui.toml;
/// other users keep their own in ~/.config/ppptui/ppptui.toml and read the system file as the
/// default. Saving changes only the lines of the keys it sets: comments and other keys stay byte
/// for byte, and the file is replaced atomically.
/// </summary>
public sealed partial class AppSettingsStore
{
    public AppSettingsStore(string path, string? fallbackPath = null)
    {
        Path = path;
        FallbackPath = fallbackPath;
    }

    /// <summary>The file settings are saved to.</summary>
    public string Path { get; }

    /// <summary>A file read when <see cref="Path"/> does not exist (the system-wide defaults), or null.</summary>
    public string? FallbackPath { get; }

    /// <summary>Picks the file for this user and root.</summary>
    public static AppSettingsStore For(SystemPaths paths, bool isPrivileged, Func<string, string?> getEnv)
    {
        if (isPrivileged || !paths.IsSystemRoot) return new AppSettingsStore(paths.AppConfigFile);
        var configHome = getEnv("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome) || !System.IO.Path.IsPathRooted(configHome))
        {
            var home = getEnv("HOME");
            if (string.IsNullOrEmpty(home)) return new AppSettingsStore(paths.AppConfigFile);
            configHome = System.IO.Path.Join(home, ".config");
        }
        return new AppSettingsStore(System.IO.Path.Join(configHome, "ppptui", "ppptui.toml"), paths.AppConfigFile);
    }

    public SettingsLoad Load()
    {
        foreach (var file in new[] { Path, FallbackPath })
        {
            if (file is null || !File.Exists(file)) continue;
            string text;
            try { text = File.ReadAllText(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new SettingsLoad(new AppSettings(), file, $"{file}: cannot be read ({e.Message}); the default look is used. Check the file's permissions.");
            }
            try
            {
                var settings = TomlSerializer.Deserialize(text, AppSettingsTomlContext.Default.AppSettings) ?? new AppSettings();
                return new SettingsLoad(settings, file, null);
            }
            catch (TomlException e)
            {
                var where = e.Line > 0 ? $" line {e.Line}" : "";
                return new SettingsLoad(new AppSettings(), file,
                    $"{file}{where}: {FirstLine(e.Message)}. Fix that line (keys: theme = \"NAME\", force_16_colors = true|false) or delete the file; the default look is used meanwhile.");
            }
        }
        return new SettingsLoad(new AppSettings(), null, null);
    }

    /// <summary>Writes the settings, editing only the lines of the keys we own.</summary>
    public void Save(AppSettings settings)
    {
        var existing = File.Exists(Path) ? File.ReadAllText(Path) : "";
        var text = existing;
        text = SetKey(text, "theme", settings.Theme is null ? null : Quote(settings.Theme));
        text = SetKey(text, "force_16_colors", settings.Force16Colors ? "true" : "false");
        if (text == existing && File.Exists(Path)) return;
        WriteAtomically(Path, text);
    }

    /// <summary>
    /// Sets (or, with a null value, removes) one top-level key in TOML text. The key's line keeps
    /// its indentation and trailing comment; a new key goes before the first [table].
    /// </summary>
    public static string SetKey(string toml, string key, string? value)
    {
        var newline = toml.Contains("\r\n") ? "\r\n" : "\n";
        var lines = toml.Length == 0 ? new List<string>() : toml.Split('\n').ToList();
        int firstTable = lines.FindIndex(l => l.TrimStart().StartsWith('['));
        int limit = firstTable < 0 ? lines.Count : firstTable;
        var pattern = new Regex(@"^(\s*)" + Regex.Escape(key) + @"(\s*=\s*)(""(?:[^""\\]|\\.)*""|'[^']*'|[^\s#]*)(.*?)(\r?)$");
        for (int i = 0; i < limit; i++)
        {
            var m = pattern.Match(lines[i]);
            if (!m.Success) continue;
            if (value is null) lines.RemoveAt(i);
            else lines[i] = m.Groups[1].Value + key + m.Groups[2].Value + value + m.Groups[4].Value + m.Groups[5].Value;
            return string.Join('\n', lines);
        }
        if (value is null) return toml;
        var cr = newline == "\r\n" ? "\r" : "";
        var line = key + " = " + value + cr;
        if (firstTable >= 0)
        {
            lines.Insert(firstTable, line);
            return string.Join('\n', lines);
        }
        var sb = new StringBuilder(toml);
        if (toml.Length > 0 && !toml.EndsWith('\n')) sb.Append(newline);
        sb.Append(key).Append(" = ").Append(value).Append(newline);
        return sb.ToString();
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('.', ' ', '\r');

    private static void WriteAtomically(string path, string text)
    {
        var dir = System.IO.Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        var temp = System.IO.Path.Join(dir, "." + System.IO.Path.GetFileName(path) + ".tmp-" + Environment.ProcessId);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            if (File.Exists(path) && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
