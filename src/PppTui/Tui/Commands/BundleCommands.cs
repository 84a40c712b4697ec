using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>The support bundle of the selected profile: one masked tar.gz to attach to a bug report.</summary>
public static class BundleCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(BundleDisabledReason, WriteBundle,
            new KeyEntry(AppCommand.SupportBundle, [Key.B.WithAlt], "Support bundle",
                "Write a support bundle of the selected profile (tar.gz, secrets masked)",
                Menu: KeyTable.HelpMenu)),
    ];

    private static string BusyKey(string profile) => "bundle:" + profile;

    private static string? BundleDisabledReason(CommandHost host)
    {
        if (host.Selected is not { } selected) return Msg.T("select a profile first");
        return host.Busy.IsBusy(BusyKey(selected.Name)) ? Msg.T("already writing its bundle") : null;
    }

    /// <summary>Writes the bundle in the background, then names the file.</summary>
    private static void WriteBundle(CommandHost host)
    {
        var name = host.Selected!.Name;
        var output = Path.GetFullPath($"ppptui-bundle-{name}.tar.gz");
        host.RunInBackground(BusyKey(name), Msg.F("Writing the support bundle of {0}…", name), Msg.F("Support bundle of {0}", name),
            () => host.Models.Services.WriteBundleAsync(name, output, CancellationToken.None),
            result => host.Notice(Msg.F("Wrote {0} ({1} files, secrets masked): look through it before you send it.", result.Path, result.Entries.Count), Tone.Good));
    }
}
