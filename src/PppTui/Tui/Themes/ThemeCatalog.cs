using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;

namespace PppTui.Tui.Themes;

/// <summary>A theme as loaded: its name, where it came from, and its schemes.</summary>
public sealed record ThemeSource(string Name, string Origin, JsonObject Body);

/// <summary>
/// The colour themes: the files built into the binary (themes/*.json), overridden by files of the
/// same theme name in the package's and the admin's theme folders, beside the binary or in the
/// source tree (see <see cref="DefaultOverrideFolders"/>). A bad file is
/// skipped with a warning; the built-in copy of that theme stays.
/// </summary>
public sealed class ThemeCatalog
{
    /// <summary>The themes every build ships, in the order the picker shows them.</summary>
    public static readonly IReadOnlyList<string> Shipped = ["default", "dark", "light", "high-contrast", "monochrome"];

    public const string DefaultTheme = "default";
    public const string NoColorTheme = "monochrome";

    /// <summary>Scheme names our panes use beyond Terminal.Gui's own (Base, Menu, Dialog, Error, Accent).</summary>
    public static readonly IReadOnlyList<string> ToneSchemes = ["Good", "Bad", "Warning", "Muted", "Marked", "Heading", "Banner"];

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly List<ThemeSource> _themes = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Names =>
        _themes.Select(t => t.Name)
            .OrderBy(n => Shipped.Contains(n) ? Shipped.ToList().IndexOf(n) : int.MaxValue)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<ThemeSource> Themes => _themes;

    /// <summary>Files that were skipped, and why; shown once at start in the errors pane.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public bool Contains(string name) => _themes.Any(t => t.Name == name);

    /// <summary>Loads the built-in themes, then every *.json in each override folder that exists.</summary>
    public static ThemeCatalog Load(IEnumerable<string> overrideFolders)
    {
        var catalog = new ThemeCatalog();
        var assembly = typeof(ThemeCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("themes/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            catalog.AddFile(reader.ReadToEnd(), "built-in " + resource);
        }
        foreach (var folder in overrideFolders.Where(Directory.Exists).Distinct())
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                string text;
                try { text = File.ReadAllText(file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    catalog._warnings.Add($"{file}: cannot be read ({e.Message}); the built-in themes are used.");
                    continue;
                }
                catalog.AddFile(text, file);
            }
        return catalog;
    }

    /// <summary>
    /// The folders whose themes override the built-in ones, later folders winning: the package's
    /// (/usr/share/ppptui/themes, where the .deb installs them), the admin's (/etc/ppptui/themes),
    /// beside the binary, then the source tree's.
    /// </summary>
    public static IEnumerable<string> DefaultOverrideFolders(Core.Files.SystemPaths paths)
    {
        yield return paths.Under("/usr/share/ppptui/themes");
        yield return Path.Join(paths.PppTuiEtc, "themes");
        var baseDir = AppContext.BaseDirectory;
        yield return Path.Combine(baseDir, "themes");
        for (var dir = new DirectoryInfo(baseDir); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PppTui.sln")))
            {
                yield return Path.Combine(dir.FullName, "themes");
                yield break;
            }
    }

    /// <summary>Adds every theme in one file's text; returns the names added. Problems become warnings.</summary>
    public IReadOnlyList<string> AddFile(string json, string origin)
    {
        var added = new List<string>();
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: JsonOptions); }
        catch (JsonException e)
        {
            _warnings.Add($"{origin}: not valid JSON at line {e.LineNumber + 1}: {e.Message.Split('.')[0]}; fix the file or remove it.");
            return added;
        }
        if (root?["Themes"] is not JsonObject themes)
        {
            _warnings.Add($"{origin}: no \"Themes\" object; a theme file looks like {{ \"Themes\": {{ \"NAME\": {{ \"Schemes\": {{ ... }} }} }} }}.");
            return added;
        }
        foreach (var (name, node) in themes)
        {
            var problem = Validate(node);
            if (problem is not null)
            {
                _warnings.Add($"{origin}: theme \"{name}\" skipped: {problem}");
                continue;
            }
            _themes.RemoveAll(t => t.Name == name);
            _themes.Add(new ThemeSource(name, origin, (JsonObject)node!.DeepClone()));
            added.Add(name);
        }
        return added;
    }

    /// <summary>Checks the parts Terminal.Gui would otherwise skip silently: shape and colour names.</summary>
    public static string? Validate(JsonNode? theme)
    {
        if (theme?["Schemes"] is not JsonObject schemes) return "it has no \"Schemes\" object.";
        if (schemes["Base"]?["Normal"] is null) return "it has no Schemes.Base.Normal colours.";
        foreach (var (schemeName, scheme) in schemes)
        {
            if (scheme is not JsonObject roles) return $"Schemes.{schemeName} is not an object.";
            foreach (var (role, attr) in roles)
            {
                if (!Enum.TryParse<VisualRole>(role, out _)) return $"Schemes.{schemeName}.{role}: unknown role (use Normal, Focus, HotNormal, ...).";
                foreach (var part in new[] { "Foreground", "Background" })
                {
                    var value = attr?[part]?.GetValue<string>();
                    if (value is null) return $"Schemes.{schemeName}.{role} has no {part}.";
                    if (value != "None" && !Color.TryParse(value, null, out _))
                        return $"Schemes.{schemeName}.{role}.{part}: \"{value}\" is not a colour (use a name like BrightGreen, #rrggbb, or None).";
                }
            }
        }
        return null;
    }

    private string? _installed;

    /// <summary>Hands every theme to Terminal.Gui (once) and makes <paramref name="name"/> current.</summary>
    public void Apply(string name)
    {
        if (!Contains(name)) throw new ArgumentException($"No theme named \"{name}\".", nameof(name));
        var config = new JsonObject();
        var all = new JsonObject();
        foreach (var t in _themes) all[TerminalGuiName(t.Name)] = t.Body.DeepClone();
        config["Themes"] = all;
        var text = config.ToJsonString();
        if (_installed != text)
        {
            TuiConfigurationBuilder.Shared.RuntimeConfig = text;
            TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
            _installed = text;
        }
        ThemeManager.Theme = TerminalGuiName(name);
    }

    /// <summary>
    /// The name a theme is registered under in Terminal.Gui. Its configuration keys ignore case,
    /// so our "dark" would merge with its built-in "Dark"; a prefix keeps ours whole.
    /// </summary>
    public static string TerminalGuiName(string name) => "ppptui-" + name;

    /// <summary>The theme to start with: none when NO_COLOR asks for no colour, else the saved one if it exists.</summary>
    public string StartTheme(string? saved, bool noColor) =>
        noColor && Contains(NoColorTheme) ? NoColorTheme
        : saved is not null && Contains(saved) ? saved
        : Contains(DefaultTheme) ? DefaultTheme
        : Names.FirstOrDefault() ?? DefaultTheme;

    /// <summary>NO_COLOR per no-color.org: present and not empty.</summary>
    public static bool NoColorRequested(Func<string, string?> getEnv) =>
        !string.IsNullOrEmpty(getEnv("NO_COLOR"));

    public string Next(string current)
    {
        var names = Names;
        if (names.Count == 0) return current;
        int i = names.ToList().IndexOf(current);
        return names[(i + 1) % names.Count];
    }
}
