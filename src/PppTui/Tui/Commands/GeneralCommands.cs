using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>Commands of the whole program: help, errors, quit, and the keys Terminal.Gui handles itself (listed for the help).</summary>
public static class GeneralCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(ScreenCommand.AlwaysAvailable, ShowHelp,
            new KeyEntry(AppCommand.Help, [Key.F1, new Key('?')], "Help", "Show this help: every key and where it works", Menu: KeyTable.HelpMenu, OnStatusBar: true)),
        new(ScreenCommand.AlwaysAvailable, host => host.Dialogs.ShowErrors(host.Context.Errors.Errors),
            new KeyEntry(AppCommand.ShowErrors, [Key.F12, Key.M.WithAlt], "Errors", "Show every error with its cause and fix", Menu: KeyTable.HelpMenu)),
        new(ScreenCommand.AlwaysAvailable, Quit,
            new KeyEntry(AppCommand.Quit, [Key.F10, Key.Q.WithCtrl], "Quit", "Leave ppptui (links keep running)", Menu: KeyTable.FileMenu, OnStatusBar: true)),
        new(ScreenCommand.AlwaysAvailable, Repaint,
            new KeyEntry(AppCommand.Repaint, [Key.L.WithCtrl], "Repaint", "Draw the whole screen again (after line noise, or another program wrote over it)", Menu: KeyTable.ViewMenu)),
        ScreenCommand.Native(new KeyEntry(AppCommand.NextPane, [Key.F6], "Next pane", "Move the focus to the next pane")),
        ScreenCommand.Native(new KeyEntry(AppCommand.PreviousPane, [Key.F6.WithShift], "Previous pane", "Move the focus to the previous pane")),
        ScreenCommand.Native(new KeyEntry(AppCommand.NextField, [Key.Tab, Key.Tab.WithShift], "Next field", "Move to the next (previous) field inside a pane")),
        ScreenCommand.Native(new KeyEntry(AppCommand.OpenMenu, [Key.F9], "Menu", "Open the menu bar")),
    ];

    private static void ShowHelp(CommandHost host) => host.Dialogs.ShowHelp(HelpLines(host.Access));

    /// <summary>The help screen: every key, then (when something is off) what this process may not do.</summary>
    public static IReadOnlyList<string> HelpLines(AccessMode access)
    {
        var lines = new List<string>(KeyTable.HelpLines());
        if (access.Banner is not null)
        {
            lines.Add("");
            lines.Add(Msg.T("Access"));
            lines.Add("  " + access.Banner);
            lines.Add(Msg.F("  Actions that need root: {0}", access.NeedsRootReason));
        }
        return lines;
    }

    /// <summary>
    /// The screen sends only the cells that changed, so what a noisy line or a stray `wall` left on
    /// the terminal stays until those cells change. Clearing the terminal makes the output forget
    /// what it showed, and the next frame is sent whole.
    /// </summary>
    private static void Repaint(CommandHost host)
    {
        host.Context.App?.Driver?.WriteRaw("\u001b[2J");
        host.Screen.RedrawAll();
    }

    private static void Quit(CommandHost host)
    {
        if (host.Editor is { IsDirty: true } dirty &&
            !host.Dialogs.Confirm(Msg.T("Quit"), Msg.F("{0} has edits that were not applied. Quit and lose them?", dirty.ProfileName), Msg.T("Quit")))
            return;
        host.Screen.Close();
    }
}
