using System.Reflection;
using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace PppTui.Tui.Themes;

/// <summary>A theme as loaded: its name, where it came from, and its schemes.</summary>
public sealed record ThemeSource(string Name, string Origin, IReadOnlyDictionary<string, Scheme> Schemes);

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
            var problem = Parse(node, out var schemes);
            if (problem is not null)
            {
                _warnings.Add($"{origin}: theme \"{name}\" skipped: {problem}");
                continue;
            }
            _themes.RemoveAll(t => t.Name == name);
            _themes.Add(new ThemeSource(name, origin, schemes));
            added.Add(name);
        }
        return added;
    }

    /// <summary>
    /// Checks a theme's shape, role names, colours and styles (Terminal.Gui would skip a bad part
    /// silently); returns the problem in words, or null when the theme is usable.
    /// </summary>
    public static string? Validate(JsonNode? theme) => Parse(theme, out _);

    /// <summary>Turns a theme's "Schemes" object into Terminal.Gui schemes, or says what is wrong with it.</summary>
    private static string? Parse(JsonNode? theme, out Dictionary<string, Scheme> parsed)
    {
        parsed = new Dictionary<string, Scheme>(StringComparer.OrdinalIgnoreCase);
        if (theme?["Schemes"] is not JsonObject schemes) return "it has no \"Schemes\" object.";
        if (schemes["Base"] is not JsonObject { } baseScheme || baseScheme["Normal"] is null) return "it has no Schemes.Base.Normal colours.";
        foreach (var (schemeName, node) in schemes)
        {
            if (node is not JsonObject roles) return $"Schemes.{schemeName} is not an object.";
            // Roles a theme leaves out are derived from Normal by Terminal.Gui, as when it reads the file itself.
            var scheme = new Scheme();
            foreach (var (roleName, attr) in roles)
            {
                if (!Enum.TryParse<VisualRole>(roleName, out var role)) return $"Schemes.{schemeName}.{roleName}: unknown role (use Normal, Focus, HotNormal, ...).";
                var colours = new Color[2];
                var parts = new[] { "Foreground", "Background" };
                for (int i = 0; i < parts.Length; i++)
                {
                    var value = Text(attr, parts[i]);
                    if (value is null) return $"Schemes.{schemeName}.{roleName} has no {parts[i]}.";
                    if (!TryParseColor(value, out colours[i]))
                        return $"Schemes.{schemeName}.{roleName}.{parts[i]}: \"{value}\" is not a colour (use a name like BrightGreen, #rrggbb, or None).";
                }
                TextStyle? style = null;
                if (Text(attr, "Style") is { } styleText)
                {
                    if (!Enum.TryParse<TextStyle>(styleText, ignoreCase: true, out var parsedStyle))
                        return $"Schemes.{schemeName}.{roleName}.Style: \"{styleText}\" is not a text style (use None, Bold, Underline, ...).";
                    style = parsedStyle;
                }
                var attribute = style is { } s ? new Attribute(colours[0], colours[1], s) : new Attribute(colours[0], colours[1]);
                scheme = WithRole(scheme, role, attribute);
            }
            parsed[schemeName] = scheme;
        }
        return null;
    }

    private static string? Text(JsonNode? attr, string part) =>
        attr is JsonObject o && o[part] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A colour as Terminal.Gui's theme files spell it: None, a name, #rrggbb or another form Color parses.</summary>
    private static bool TryParseColor(string text, out Color color) =>
        ColorStrings.TryParseNamedColor(text, out color) || Color.TryParse(text, null, out color);

    private static Scheme WithRole(Scheme scheme, VisualRole role, Attribute a) => role switch
    {
        VisualRole.Normal => scheme with { Normal = a },
        VisualRole.HotNormal => scheme with { HotNormal = a },
        VisualRole.Focus => scheme with { Focus = a },
        VisualRole.HotFocus => scheme with { HotFocus = a },
        VisualRole.Active => scheme with { Active = a },
        VisualRole.HotActive => scheme with { HotActive = a },
        VisualRole.Highlight => scheme with { Highlight = a },
        VisualRole.Disabled => scheme with { Disabled = a },
        VisualRole.Editable => scheme with { Editable = a },
        VisualRole.ReadOnly => scheme with { ReadOnly = a },
        VisualRole.Code => scheme with { Code = a },
        VisualRole.CodeComment => scheme with { CodeComment = a },
        VisualRole.CodeKeyword => scheme with { CodeKeyword = a },
        VisualRole.CodeString => scheme with { CodeString = a },
        VisualRole.CodeNumber => scheme with { CodeNumber = a },
        VisualRole.CodeOperator => scheme with { CodeOperator = a },
        VisualRole.CodeType => scheme with { CodeType = a },
        VisualRole.CodePreprocessor => scheme with { CodePreprocessor = a },
        VisualRole.CodeIdentifier => scheme with { CodeIdentifier = a },
        VisualRole.CodeConstant => scheme with { CodeConstant = a },
        VisualRole.CodePunctuation => scheme with { CodePunctuation = a },
        VisualRole.CodeFunctionName => scheme with { CodeFunctionName = a },
        VisualRole.CodeAttribute => scheme with { CodeAttribute = a },
        _ => scheme,
    };

    // Terminal.Gui's schemes are process-wide. What a scheme was before ppptui first replaced it,
    // so a theme that leaves a scheme out gets Terminal.Gui's own back, as it did when Terminal.Gui
    // merged the theme over its defaults.
    private static readonly Lock SchemesGate = new();
    private static readonly Dictionary<string, Scheme?> SchemesBefore = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Makes <paramref name="name"/> current: its schemes replace Terminal.Gui's by name. This
    /// deliberately bypasses Terminal.Gui's configuration rebuild (it re-reads every configuration
    /// source and re-binds every setting, about 60 ms at start in the AOT build) since a theme
    /// here is nothing but schemes.
    /// </summary>
    public void Apply(string name)
    {
        var theme = _themes.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No theme named \"{name}\".", nameof(name));
        lock (SchemesGate)
        {
            foreach (var (schemeName, scheme) in theme.Schemes)
            {
                if (!SchemesBefore.ContainsKey(schemeName))
                    SchemesBefore[schemeName] = SchemeManager.TryGetScheme(schemeName, out var before) ? before : null;
                SchemeManager.AddScheme(schemeName, scheme);
            }
            foreach (var (schemeName, before) in SchemesBefore)
            {
                if (theme.Schemes.ContainsKey(schemeName)) continue;
                if (before is not null) SchemeManager.AddScheme(schemeName, before);
                else if (SchemeManager.TryGetScheme(schemeName, out _)) SchemeManager.RemoveScheme(schemeName);
            }
        }
    }

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
