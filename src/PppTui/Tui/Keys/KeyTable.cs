using System.Text;
using PppTui.Tui.Layout;
using PppTui.Tui.Text;
using Terminal.Gui.Input;

namespace PppTui.Tui.Keys;

/// <summary>Everything a key or a menu item can ask the screen to do.</summary>
public enum AppCommand
{
    Help,
    Quit,
    OpenMenu,
    NextPane,
    PreviousPane,
    NextField,
    GoProfiles,
    GoEditor,
    GoPreview,
    GoLinks,
    GoRoutes,
    GoLog,
    Zoom,
    NewProfile,
    ImportAll,
    DeleteProfile,
    Apply,
    Revert,
    Connect,
    Disconnect,
    KeepUp,
    Doctor,
    ToggleDiff,
    ToggleEffective,
    ShowErrors,
    NextTheme,
    ChooseTheme,
    Toggle16Colors,
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

    /// <summary>Plain printable keys would type into a text field, so they only work outside one.</summary>
    public static bool IsPlainCharacter(Key key) =>
        !key.IsCtrl && !key.IsAlt && key.AsRune.Value is > 32 and < 127;
}

/// <summary>
/// The one key table: the dispatcher, the status bar, the menus, the F1 help and the README's key
/// section are all generated from <see cref="Entries"/>, so they cannot disagree.
/// </summary>
public static class KeyTable
{
    public const string FileMenu = "_File";
    public const string LinkMenu = "_Link";
    public const string ViewMenu = "_View";
    public const string HelpMenu = "_Help";

    public static IReadOnlyList<string> Menus { get; } = [FileMenu, LinkMenu, ViewMenu, HelpMenu];

    public static IReadOnlyList<KeyEntry> Entries { get; } =
    [
        new(AppCommand.Help, [Key.F1, new Key('?')], "Help", "Show this help: every key and where it works", Menu: HelpMenu, OnStatusBar: true),
        new(AppCommand.Apply, [Key.F2, Key.S.WithCtrl], "Apply", "Write the previewed files (asks before overwriting a file changed on disk)", Menu: FileMenu, OnStatusBar: true),
        new(AppCommand.ToggleDiff, [Key.F3, Key.D.WithAlt], "Diff", "Preview: switch between the new file texts and the diff against disk", Menu: ViewMenu, OnStatusBar: true),
        new(AppCommand.ToggleEffective, [Key.F4, Key.E.WithAlt], "Effective", "Preview: switch to the effective options pppd will use, with where each comes from", Menu: ViewMenu),
        new(AppCommand.Connect, [Key.F5, Key.C.WithAlt], "Connect", "Connect the selected profile (pppd call NAME)", Menu: LinkMenu, OnStatusBar: true),
        new(AppCommand.NextPane, [Key.F6], "Next pane", "Move the focus to the next pane", Native: true),
        new(AppCommand.PreviousPane, [Key.F6.WithShift], "Previous pane", "Move the focus to the previous pane", Native: true),
        new(AppCommand.NewProfile, [Key.F7, Key.N.WithAlt], "New", "Create a profile of a chosen kind", Menu: FileMenu),
        new(AppCommand.Disconnect, [Key.F8, Key.X.WithAlt], "Disconnect", "Disconnect the selected profile's link (asks first)", Menu: LinkMenu, OnStatusBar: true),
        new(AppCommand.KeepUp, [Key.K.WithAlt], "Keep up (systemd)", "Keep the selected profile up with systemd (ppptui@NAME.service), or stop that (asks first)", Menu: LinkMenu, OnStatusBar: true),
        new(AppCommand.OpenMenu, [Key.F9], "Menu", "Open the menu bar", Native: true),
        new(AppCommand.Quit, [Key.F10, Key.Q.WithCtrl], "Quit", "Leave ppptui (links keep running)", Menu: FileMenu, OnStatusBar: true),
        new(AppCommand.Zoom, [Key.F11, Key.Z.WithAlt], "Zoom", "Zoom the focused pane to the full screen, or back (Esc also returns)", Menu: ViewMenu, OnStatusBar: true),
        new(AppCommand.ShowErrors, [Key.F12, Key.M.WithAlt], "Errors", "Show every error with its cause and fix", Menu: HelpMenu),
        new(AppCommand.Doctor, [Key.O.WithAlt], "Doctor", "Check the kernel, tools, secrets, DNS and the selected profile; each finding with its fix", Menu: HelpMenu),
        new(AppCommand.NextField, [Key.Tab, Key.Tab.WithShift], "Next field", "Move to the next (previous) field inside a pane", Native: true),
        new(AppCommand.GoProfiles, [Key.D1.WithAlt], "Profiles", "Go to the profile list", Menu: ViewMenu),
        new(AppCommand.GoEditor, [Key.D2.WithAlt], "Editor", "Go to the editor", Menu: ViewMenu),
        new(AppCommand.GoPreview, [Key.D3.WithAlt], "Preview", "Go to the preview", Menu: ViewMenu),
        new(AppCommand.GoLinks, [Key.D4.WithAlt], "Links", "Go to the IP pane (links)", Menu: ViewMenu),
        new(AppCommand.GoRoutes, [Key.D5.WithAlt], "Routes", "Go to the route pane", Menu: ViewMenu),
        new(AppCommand.GoLog, [Key.D6.WithAlt], "Log", "Go to the log pane", Menu: ViewMenu),
        new(AppCommand.NextTheme, [Key.T.WithAlt], "Next theme", "Switch to the next colour theme (remembered)", Menu: ViewMenu),
        new(AppCommand.ChooseTheme, [], "Theme…", "Choose a colour theme from a list (remembered)", Menu: ViewMenu),
        new(AppCommand.Toggle16Colors, [], "16 colours", "Use only 16 colours, for terminals that show other colours wrongly (remembered)", Menu: ViewMenu),
        new(AppCommand.NewProfile, [Key.InsertChar], "New", "Create a profile of a chosen kind", KeyScope.Profiles),
        new(AppCommand.ImportAll, [], "Import all", "Import every peers file not imported yet as a profile (the files stay as they are)", Menu: FileMenu),
        new(AppCommand.DeleteProfile, [Key.Delete], "Delete", "Delete the selected profile (asks first)", KeyScope.Profiles, Menu: FileMenu, OnStatusBar: true),
        new(AppCommand.GoEditor, [Key.Enter], "Edit", "Edit the selected profile", KeyScope.Profiles, OnStatusBar: true),
        new(AppCommand.Revert, [Key.R.WithAlt], "Revert", "Drop the edits and reload the profile (asks first)", KeyScope.Editor, Menu: FileMenu, OnStatusBar: true),
        new(AppCommand.LogFilter, [new Key('/'), Key.F.WithCtrl], "Filter", "Type in the log filter: words that must appear, -word to hide", KeyScope.Log, OnStatusBar: true),
        new(AppCommand.LogFollow, [new Key('f')], "Follow", "Follow new lines on or off", KeyScope.Log, OnStatusBar: true),
        new(AppCommand.LogLinkOnly, [new Key('l')], "Link only", "Only the lines of the selected profile's link (its pppd processes), or every PPP line", KeyScope.Log, OnStatusBar: true),
        new(AppCommand.LogNewest, [Key.End], "Newest", "Jump to the newest line; following resumes there", KeyScope.Log, Native: true),
    ];

    /// <summary>How a key is written on the screen and in the README.</summary>
    /// <summary>The entries of one menu in menu order: table order, one item per command, Quit last
    /// (where every program puts it, away from the items used all day).</summary>
    public static IReadOnlyList<KeyEntry> MenuEntries(string menu) =>
        Entries.Where(e => e.Menu == menu)
            .DistinctBy(e => e.Command)
            .OrderBy(e => e.Command == AppCommand.Quit)
            .ToList();

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
            int w = e.Keys[0].ToString().Length + e.Label.Length + 5;
            if (used + w > width) continue;
            used += w;
            result.Add(e);
        }
        // Shown in table order (F-keys ascending) once chosen.
        return result.OrderBy(e => e.Scope == KeyScope.Global ? 1 : 0).ThenBy(e => Entries.ToList().IndexOf(e)).ToList();
    }

    /// <summary>The help screen's text, one section per scope, one line per entry.</summary>
    /// <summary>Columns of the keys column in the help text.</summary>
    public const int HelpKeyColumn = 22;

    public static IReadOnlyList<string> HelpLines(int keyColumnWidth = HelpKeyColumn)
    {
        var lines = new List<string>();
        foreach (var group in Entries.GroupBy(e => e.Scope).OrderBy(g => g.Key))
        {
            if (lines.Count > 0) lines.Add("");
            lines.Add(ScopeTitle(group.Key));
            foreach (var e in group)
                lines.Add("  " + Columns.Fit(e.Keys.Count == 0 ? "(menu)" : e.KeysText, keyColumnWidth) + " " + e.Description);
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
