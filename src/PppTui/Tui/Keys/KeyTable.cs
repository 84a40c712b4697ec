using Terminal.Gui.Input;

namespace PppTui.Tui.Keys;

/// <summary>
/// Everything a key or a menu item can ask the screen to do. The order is the order the help, the
/// menus, the status bar and the README list them in (within each scope): F-keys first.
/// </summary>
public enum AppCommand
{
    Help,
    Apply,
    ToggleDiff,
    ToggleEffective,
    Connect,
    NextPane,
    PreviousPane,
    NewProfile,
    ImportAll,
    DeleteProfile,
    Disconnect,
    KeepUp,
    OpenMenu,
    Quit,
    Zoom,
    ShowErrors,
    Repaint,
    Doctor,
    SupportBundle,
    ProbeMtu,
    NextField,
    GoProfiles,
    GoEditor,
    GoPreview,
    GoLinks,
    GoRoutes,
    GoLog,
    NextTheme,
    ChooseTheme,
    Toggle16Colors,
    Revert,
    LogFilter,
    LogFollow,
    LogLinkOnly,
    LogNewest,
}

/// <summary>Where a key works: everywhere, or only while the focus is inside one pane.</summary>
public enum KeyScope { Global, Profiles, Editor, Preview, Links, Routes, Log }

/// <summary>
/// One row of the key table.
/// </summary>
/// <param name="Label">The short name the status bar and the menu show.</param>
/// <param name="Description">The sentence the help screen and the README show.</param>
/// <param name="Menu">The menu the command appears in, or null.</param>
/// <param name="OnStatusBar">Shown on the status bar while its scope is active.</param>
/// <param name="Native">Terminal.Gui handles the key itself (focus moves, the menu); listed so help is complete.</param>
public sealed record KeyEntry(AppCommand Command, IReadOnlyList<Key> Keys, string Label, string Description,
    KeyScope Scope = KeyScope.Global, string? Menu = null, bool OnStatusBar = false, bool Native = false)
{
    public string KeysText => string.Join(" / ", Keys.Select(KeyTable.Display));

    /// <summary>The label in the user's language (the README keeps <see cref="Label"/>, the English source).</summary>
    public string ShownLabel => Msg.T(Label);

    /// <summary>The help text in the user's language.</summary>
    public string ShownDescription => Msg.T(Description);

    /// <summary>Plain printable keys would type into a text field, so they only work outside one.</summary>
    public static bool IsPlainCharacter(Key key) =>
        !key.IsCtrl && !key.IsAlt && key.AsRune.Value is > 32 and < 127;
}

/// <summary>
/// The key table: the dispatcher, the status bar, the menus, the F1 help and the README's key
/// section are all generated from <see cref="Entries"/>, the bindings the commands declare, so
/// they cannot disagree.
/// </summary>
public static class KeyTable
{
    public const string FileMenu = "_File";
    public const string LinkMenu = "_Link";
    public const string ViewMenu = "_View";
    public const string HelpMenu = "_Help";

    public static IReadOnlyList<string> Menus { get; } = [FileMenu, LinkMenu, ViewMenu, HelpMenu];

    /// <summary>
    /// Every binding of every command (each area of <see cref="CommandCatalog"/> declares its own),
    /// grouped by scope, in <see cref="AppCommand"/> order within a scope.
    /// </summary>
    public static IReadOnlyList<KeyEntry> Entries { get; } =
        CommandCatalog.All.SelectMany(c => c.Bindings).OrderBy(e => e.Scope).ThenBy(e => e.Command).ToList();

    /// <summary>The entries of one menu in menu order: table order, one item per command, Quit last
    /// (where every program puts it, away from the items used all day).</summary>
    public static IReadOnlyList<KeyEntry> MenuEntries(string menu) =>
        Entries.Where(e => e.Menu == menu)
            .DistinctBy(e => e.Command)
            .OrderBy(e => e.Command == AppCommand.Quit)
            .ToList();

    /// <summary>How a key is written on the screen and in the README.</summary>
    public static string Display(Key key)
    {
        if (key == Key.InsertChar) return "Ins";
        if (key == Key.Delete) return "Del";
        if (key == Key.Tab.WithShift) return "Shift+Tab";
        var s = key.ToString();
        return s.Length == 0 ? "?" : s;
    }

    public static string ScopeTitle(KeyScope scope) => scope switch
    {
        KeyScope.Global => "Everywhere",
        KeyScope.Profiles => "Profile list",
        KeyScope.Editor => "Editor",
        KeyScope.Preview => "Preview",
        KeyScope.Links => "IP pane",
        KeyScope.Routes => "Route pane",
        KeyScope.Log => "Log pane",
        _ => scope.ToString(),
    };

    public static KeyScope ScopeOf(PaneId pane) => pane switch
    {
        PaneId.Profiles => KeyScope.Profiles,
        PaneId.Editor => KeyScope.Editor,
        PaneId.Preview => KeyScope.Preview,
        PaneId.Links => KeyScope.Links,
        PaneId.Routes => KeyScope.Routes,
        PaneId.Log => KeyScope.Log,
        _ => KeyScope.Global,
    };

    /// <summary>The entry a key press means where the focus is; pane keys win over global ones.</summary>
    public static KeyEntry? Find(Key key, KeyScope scope, bool focusInTextField)
    {
        KeyEntry? global = null;
        foreach (var entry in Entries)
        {
            if (entry.Native) continue;
            if (entry.Scope != KeyScope.Global && entry.Scope != scope) continue;
            foreach (var k in entry.Keys)
            {
                if (k != key) continue;
                if (focusInTextField && (KeyEntry.IsPlainCharacter(k) || k == Key.Delete || k == Key.InsertChar)) continue;
                if (entry.Scope != KeyScope.Global) return entry;
                global ??= entry;
            }
        }
        return global;
    }

    /// <summary>Global keys in the order the status bar gives up room: the first ones stay longest.</summary>
    private static readonly AppCommand[] StatusBarPriority =
        [AppCommand.Help, AppCommand.Quit, AppCommand.Apply, AppCommand.Connect, AppCommand.Disconnect, AppCommand.ToggleDiff, AppCommand.Zoom];

    /// <summary>
    /// The status bar's entries for a scope: the pane's own keys first, then the global ones by
    /// priority, as many as fit in <paramref name="width"/> columns.
    /// </summary>
    public static IReadOnlyList<KeyEntry> StatusBarEntries(KeyScope scope, int width = int.MaxValue)
    {
        var candidates = Entries.Where(e => e.OnStatusBar && e.Scope == scope && scope != KeyScope.Global)
            .Concat(Entries.Where(e => e.OnStatusBar && e.Scope == KeyScope.Global)
                .OrderBy(e => Array.IndexOf(StatusBarPriority, e.Command) is var i && i < 0 ? int.MaxValue : i));
        var result = new List<KeyEntry>();
        int used = 0;
        foreach (var e in candidates)
        {
            // " KEY  Label │" as Terminal.Gui's Shortcut draws it.
            int w = e.Keys[0].ToString().Length + Columns.Width(e.ShownLabel) + 5;
            if (used + w > width) continue;
            used += w;
            result.Add(e);
        }
        // Shown in table order (F-keys ascending) once chosen.
        return result.OrderBy(e => e.Scope == KeyScope.Global ? 1 : 0).ThenBy(e => Entries.ToList().IndexOf(e)).ToList();
    }

    /// <summary>Columns of the keys column in the help text.</summary>
    public const int HelpKeyColumn = 22;

    /// <summary>The help screen's text, one section per scope, one line per entry.</summary>
    public static IReadOnlyList<string> HelpLines(int keyColumnWidth = HelpKeyColumn)
    {
        var lines = new List<string>();
        foreach (var group in Entries.GroupBy(e => e.Scope).OrderBy(g => g.Key))
        {
            if (lines.Count > 0) lines.Add("");
            lines.Add(Msg.T(ScopeTitle(group.Key)));
            foreach (var e in group)
                lines.Add("  " + Columns.Fit(e.Keys.Count == 0 ? Msg.T("(menu)") : e.KeysText, keyColumnWidth) + " " + e.ShownDescription);
        }
        return lines;
    }

    /// <summary>The README's key section as a Markdown table, generated from the same entries.</summary>
    public static string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| Keys | Where | What it does |");
        sb.AppendLine("|---|---|---|");
        foreach (var group in Entries.GroupBy(e => e.Scope).OrderBy(g => g.Key))
            foreach (var e in group)
            {
                var keys = e.Keys.Count == 0 ? "(menu " + e.Menu!.Replace("_", "") + ")" : string.Join(", ", e.Keys.Select(k => "`" + Display(k) + "`"));
                sb.Append("| ").Append(keys).Append(" | ").Append(ScopeTitle(group.Key)).Append(" | ")
                  .Append(e.Description.Replace("|", "\\|")).AppendLine(" |");
            }
        return sb.ToString();
    }
}
