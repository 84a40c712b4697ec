using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>View commands: panes, zoom, the preview's modes and the colour themes. Each disabled reason sits right above its handler.</summary>
public static class ViewCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(ScreenCommand.AlwaysAvailable, host => host.Screen.ToggleZoom(),
            new KeyEntry(AppCommand.Zoom, [Key.F11, Key.Z.WithAlt], "Zoom", "Zoom the focused pane to the full screen, or back (Esc also returns)", Menu: KeyTable.ViewMenu, OnStatusBar: true)),
        GoTo(AppCommand.GoProfiles, PaneId.Profiles, Key.D1, "Profiles", "Go to the profile list"),
        GoTo(AppCommand.GoPreview, PaneId.Preview, Key.D3, "Preview", "Go to the preview"),
        GoTo(AppCommand.GoLinks, PaneId.Links, Key.D4, "Links", "Go to the IP pane (links)"),
        GoTo(AppCommand.GoRoutes, PaneId.Routes, Key.D5, "Routes", "Go to the route pane"),
        GoTo(AppCommand.GoLog, PaneId.Log, Key.D6, "Log", "Go to the log pane"),
        new(PreviewDisabledReason, host => host.Screen.Preview.ToggleDiff(),
            new KeyEntry(AppCommand.ToggleDiff, [Key.F3, Key.D.WithAlt], "Diff", "Preview: switch between the new file texts and the diff against disk", Menu: KeyTable.ViewMenu, OnStatusBar: true)),
        new(PreviewDisabledReason, host => host.Screen.Preview.ToggleEffective(),
            new KeyEntry(AppCommand.ToggleEffective, [Key.F4, Key.E.WithAlt], "Effective", "Preview: switch to the effective options pppd will use, with where each comes from", Menu: KeyTable.ViewMenu)),
        new(ThemeDisabledReason, host => SwitchTheme(host, host.Themes.Catalog.Next(host.Themes.Current)),
            new KeyEntry(AppCommand.NextTheme, [Key.T.WithAlt], "Next theme", "Switch to the next colour theme (remembered)", Menu: KeyTable.ViewMenu)),
        new(ThemeDisabledReason, ChooseTheme,
            new KeyEntry(AppCommand.ChooseTheme, [], "Theme…", "Choose a colour theme from a list (remembered)", Menu: KeyTable.ViewMenu)),
        new(ThemeDisabledReason, Toggle16Colors,
            new KeyEntry(AppCommand.Toggle16Colors, [], "16 colours", "Use only 16 colours, for terminals that show other colours wrongly (remembered)", Menu: KeyTable.ViewMenu)),
    ];

    /// <summary>Alt+digit brings a pane into view and focuses it.</summary>
    private static ScreenCommand GoTo(AppCommand command, PaneId pane, Key digit, string label, string description) =>
        new(ScreenCommand.AlwaysAvailable, host => host.Screen.GoTo(pane),
            new KeyEntry(command, [digit.WithAlt], label, description, Menu: KeyTable.ViewMenu));

    private static string? PreviewDisabledReason(CommandHost host) => host.Editor is null ? Msg.T("select a profile first") : null;

    private static string? ThemeDisabledReason(CommandHost host) => host.Themes.Catalog.Names.Count == 0 ? Msg.T("no themes loaded") : null;

    private static void ChooseTheme(CommandHost host)
    {
        if (host.Dialogs.ChooseTheme(host.Themes.Catalog.Names, host.Themes.Current) is { } chosen) SwitchTheme(host, chosen);
    }

    private static void SwitchTheme(CommandHost host, string name)
    {
        host.Themes.Switch(name);
        host.Notice(Msg.F("Theme: {0}", name), Tone.Muted);
        host.Screen.RedrawAll();
    }

    private static void Toggle16Colors(CommandHost host)
    {
        host.Themes.SetForce16Colors(!host.Themes.Force16Colors, host.Context.App);
        host.Notice(host.Themes.Force16Colors ? Msg.T("Using 16 colours only.") : Msg.T("Using every colour the terminal has."), Tone.Muted);
        host.Screen.SetNeedsDraw();
    }
}
