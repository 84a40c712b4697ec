using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>
/// Service commands: keep a profile up with systemd (and the wording of what that does here), and
/// the doctor. Each disabled reason sits right above its handler.
/// </summary>
public static class ServiceCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(KeepUpDisabledReason, ToggleKeepUp,
            new KeyEntry(AppCommand.KeepUp, [Key.K.WithAlt], "Keep up (systemd)", "Keep the selected profile up with systemd (ppptui@NAME.service), or stop that (asks first)", Menu: KeyTable.LinkMenu, OnStatusBar: true)),
        new(DoctorDisabledReason, RunDoctor,
            new KeyEntry(AppCommand.Doctor, [Key.O.WithAlt], "Doctor", "Check the kernel, tools, secrets, DNS and the selected profile; each finding with its fix", Menu: KeyTable.HelpMenu)),
    ];

    private const string DoctorBusyKey = "doctor";

    private static string ServiceBusyKey(string profile) => "service:" + profile;

    private static string? KeepUpDisabledReason(CommandHost host)
    {
        if (host.Selected is not { } selected) return Msg.T("select a profile first");
        if (LinkCommands.ProfileNotStartable(host, selected) is { } reason) return reason;
        if (host.Busy.IsBusy(ServiceBusyKey(selected.Name))) return Msg.T("busy with this profile's service");
        var access = host.Access;
        return host.Models.Services.Presence switch
        {
            // Without systemd the action itself names the alternative.
            SystemdPresence.Absent => null,
            // --root DIR: only unit files and links inside DIR change.
            SystemdPresence.Offline => access.CanWriteFiles ? null : access.NeedsRootReason,
            _ => access.CanControlLinks ? null : access.NeedsRootReason,
        };
    }

    /// <summary>Asks, then enables the profile's systemd unit, or disables it when it is enabled.</summary>
    private static void ToggleKeepUp(CommandHost host)
    {
        var selected = host.Selected!;
        var name = selected.Name;
        var services = host.Models.Services;
        var what = Msg.F("Keep {0} up", name);
        if (services.Presence == SystemdPresence.Absent)
        {
            host.Context.Errors.Report(new SystemdMissingException(name), what);
            return;
        }
        var unit = $"ppptui@{name}.service";
        bool offline = services.Presence == SystemdPresence.Offline;
        if (services.IsKeptUp(name))
        {
            var effect = offline
                ? Msg.F("{0} is disabled in this --root tree, so that system no longer starts it at boot.", unit)
                : Msg.F("systemctl disable --now {0}: the link systemd runs goes down and no longer starts at boot.", unit);
            if (!host.Dialogs.Confirm(Msg.T("Stop keeping up"), Msg.F("Stop keeping {0} up with systemd?\n{1}", name, effect), Msg.T("Disable"))) return;
            host.RunAction(ServiceBusyKey(name), Msg.F("Disabling {0}…", unit), Msg.F("Stop keeping {0} up", name), ct => services.DisableAsync(name, ct), null);
            return;
        }
        // A link dialed from here already runs a pppd for this peer: a second one from systemd would fight it.
        bool running = selected.State is LinkPhase.Up or LinkPhase.Connecting;
        bool startNow = !offline && !running;
        var how = offline ? Msg.F("{0} is enabled in this --root tree: that system starts it when it boots; nothing starts here.", unit)
            : startNow ? Msg.F("systemctl enable --now {0}: pppd starts now and at every boot, and systemd redials when it dies.", unit)
            : Msg.F("systemctl enable {0}: it starts at the next boot; the link running now stays as it is.", unit);
        if (!host.Dialogs.Confirm(Msg.T("Keep up with systemd"), Msg.F("Keep {0} up with systemd?\n{1}", name, how), Msg.T("Enable"))) return;
        host.RunAction(ServiceBusyKey(name), Msg.F("Enabling {0}…", unit), what, ct => services.EnableAsync(name, startNow, ct), null);
    }

    private static string? DoctorDisabledReason(CommandHost host) =>
        host.Busy.IsBusy(DoctorBusyKey) ? Msg.T("already checking") : null;

    /// <summary>Runs the doctor's checks in the background (the selected profile and the machine), then shows the report.</summary>
    private static void RunDoctor(CommandHost host)
    {
        // A profile that does not load is checked with every profile: the report names its problem.
        var name = host.Selected is { Problem: null } selected ? selected.Name : null;
        host.RunInBackground(DoctorBusyKey,
            name is null ? Msg.T("Checking this machine and every profile…") : Msg.F("Checking this machine and {0}…", name), Msg.T("Doctor"),
            () => host.Models.Services.RunDoctorAsync(name, CancellationToken.None), report =>
            {
                host.Notice(Msg.F("Doctor: {0}", report.Summary),
                    report.HasFailures ? Tone.Bad : report.Count(CheckStatus.Warn) > 0 ? Tone.Warning : Tone.Good);
                host.Screen.RefreshCommands();
                host.Dialogs.ShowDoctor(name, report);
            });
    }
}
