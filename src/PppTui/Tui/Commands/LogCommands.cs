using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>Log pane commands: filter, follow, the selected link only. Each disabled reason sits right above its handler.</summary>
public static class LogCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(LinkOnlyDisabledReason, ToggleLinkOnly,
            new KeyEntry(AppCommand.LogLinkOnly, [new Key('l')], "Link only", "Only the lines of the selected profile's link (its pppd processes), or every PPP line", KeyScope.Log, OnStatusBar: true)),
        new(ScreenCommand.AlwaysAvailable, Filter,
            new KeyEntry(AppCommand.LogFilter, [new Key('/'), Key.F.WithCtrl], "Filter", "Type in the log filter: words that must appear, -word to hide", KeyScope.Log, OnStatusBar: true)),
        new(ScreenCommand.AlwaysAvailable, host => host.Screen.Log.Following = !host.Screen.Log.Following,
            new KeyEntry(AppCommand.LogFollow, [new Key('f')], "Follow", "Follow new lines on or off", KeyScope.Log, OnStatusBar: true)),
        ScreenCommand.Native(new KeyEntry(AppCommand.LogNewest, [Key.End], "Newest", "Jump to the newest line; following resumes there", KeyScope.Log)),
    ];

    private static void Filter(CommandHost host)
    {
        host.Screen.GoTo(PaneId.Log);
        host.Screen.Log.FilterBox.SetFocus();
    }

    private static string? LinkOnlyDisabledReason(CommandHost host) =>
        !host.Screen.Log.LinkOnly && host.Selected is null ? Msg.T("select a profile first") : null;

    private static void ToggleLinkOnly(CommandHost host)
    {
        var log = host.Screen.Log;
        log.LinkOnly = !log.LinkOnly;
        host.Session.ApplyLogScope();
        host.Notice(log.LinkOnly
            ? Msg.F("Log: only the lines of {0}'s link (l shows every PPP line).", host.Selected?.Name)
            : Msg.T("Log: every PPP line (l shows only the selected profile's link)."), Tone.Muted);
    }
}
