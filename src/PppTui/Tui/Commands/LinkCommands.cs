using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>Link commands: connect and disconnect the selected profile. Each disabled reason sits right above its handler.</summary>
public static class LinkCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(ConnectDisabledReason, Connect,
            new KeyEntry(AppCommand.Connect, [Key.F5, Key.C.WithAlt], "Connect", "Connect the selected profile (pppd call NAME)", Menu: KeyTable.LinkMenu, OnStatusBar: true)),
        new(DisconnectDisabledReason, Disconnect,
            new KeyEntry(AppCommand.Disconnect, [Key.F8, Key.X.WithAlt], "Disconnect", "Disconnect the selected profile's link (asks first)", Menu: KeyTable.LinkMenu, OnStatusBar: true)),
    ];

    /// <summary>Busy while a connect or disconnect of the profile runs.</summary>
    private static string BusyKey(string profile) => "link:" + profile;

    /// <summary>Why the selected profile cannot be started (by Connect or by systemd), or null.</summary>
    public static string? ProfileNotStartable(CommandHost host, ProfileSummary selected)
    {
        if (selected.Problem is not null) return Msg.F("the profile has a problem: {0}", selected.Problem);
        if (host.Editor is { IsNew: true } editor && editor.ProfileName == selected.Name) return Msg.T("apply the new profile first");
        return null;
    }

    private static string? ConnectDisabledReason(CommandHost host)
    {
        if (host.Selected is not { } selected) return Msg.T("select a profile first");
        if (!host.Access.CanControlLinks) return host.Access.NeedsRootReason;
        if (ProfileNotStartable(host, selected) is { } reason) return reason;
        if (selected.State == LinkPhase.Up) return Msg.T("already up");
        if (selected.State == LinkPhase.Connecting || host.Busy.IsBusy(BusyKey(selected.Name))) return Msg.T("already connecting");
        return null;
    }

    private static void Connect(CommandHost host)
    {
        var name = host.Selected!.Name;
        if (host.Editor is { IsDirty: true } dirty && dirty.ProfileName == name)
            host.Notice(Msg.F("Connect uses the files on disk; your edits to {0} are not applied yet.", name), Tone.Warning);
        // The same warning as the CLI's, from the core's answer: ask before risking the running link.
        foreach (var running in host.Models.Links.SharingPptpServer(name))
            if (!host.Dialogs.Confirm(Msg.T("Shared PPTP server"), LinkManager.SharedServerWarning(name, running), Msg.T("Connect"))) return;
        host.RunAction(BusyKey(name), Msg.F("Connecting {0}…", name), Msg.F("Connect {0}", name), ct => host.Models.Links.ConnectAsync(name, ct), null);
    }

    private static string? DisconnectDisabledReason(CommandHost host)
    {
        if (host.Selected is not { } selected) return Msg.T("select a profile first");
        if (!host.Access.CanControlLinks) return host.Access.NeedsRootReason;
        if (host.Busy.IsBusy(BusyKey(selected.Name))) return Msg.T("busy with this link");
        return selected.State is LinkPhase.Up or LinkPhase.Connecting or LinkPhase.Failed ? null : Msg.T("not connected");
    }

    private static void Disconnect(CommandHost host)
    {
        var name = host.Selected!.Name;
        if (!host.Dialogs.Confirm(Msg.T("Disconnect"), Msg.F("Disconnect {0}? Traffic through the link stops.", name), Msg.T("Disconnect"))) return;
        host.RunAction(BusyKey(name), Msg.F("Disconnecting {0}…", name), Msg.F("Disconnect {0}", name), ct => host.Models.Links.DisconnectAsync(name, ct), null);
    }
}
