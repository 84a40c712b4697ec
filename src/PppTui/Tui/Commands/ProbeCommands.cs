using Terminal.Gui.Input;

namespace PppTui.Tui.Commands;

/// <summary>The path MTU probe of the selected profile's up link, and the offer to write what it found into the profile.</summary>
public static class ProbeCommands
{
    public static IReadOnlyList<ScreenCommand> All { get; } =
    [
        new(ProbeDisabledReason, Probe,
            new KeyEntry(AppCommand.ProbeMtu, [Key.P.WithAlt], "Probe MTU",
                "Measure the selected up link's path MTU; recommend MTU and MSS",
                Menu: KeyTable.LinkMenu)),
    ];

    private static string BusyKey(string profile) => "probe:" + profile;

    private static string? ProbeDisabledReason(CommandHost host)
    {
        if (host.Selected is not { } selected) return Msg.T("select a profile first");
        if (selected.State != LinkPhase.Up) return Msg.T("the link is not up");
        return host.Busy.IsBusy(BusyKey(selected.Name)) ? Msg.T("already probing this link") : null;
    }

    /// <summary>Probes in the background; on a black hole, offers to write the MTU into the profile.</summary>
    private static void Probe(CommandHost host)
    {
        var name = host.Selected!.Name;
        host.RunInBackground(BusyKey(name), Msg.F("Probing the path MTU of {0}…", name), Msg.F("Probe MTU of {0}", name),
            () => host.Models.Links.ProbeAsync(name, CancellationToken.None),
            result => Offer(host, result));
    }

    private static void Offer(CommandHost host, PathMtuResult result)
    {
        if (result.ProfileMtu is not { } mtu)
        {
            host.Notice(result.Verdict, result.MtuFits ? Tone.Good : Tone.Warning);
            return;
        }
        var message = result.Verdict + "\n\n" +
            Msg.F("Clamp TCP MSS to {0} for the hosts routed through it:", result.RecommendedMss!) + "\n" +
            result.NftRule + "\n" + result.IptablesRule + "\n\n" +
            Msg.F("Write mtu {0} and mru {0} into {1}? The link gets it on the next connect.", mtu, result.Name);
        if (!host.Dialogs.Confirm(Msg.T("Probe MTU"), message, Msg.T("Write MTU")))
        {
            host.Notice(result.Verdict, Tone.Warning);
            return;
        }
        host.RunAction(BusyKey(result.Name), Msg.F("Writing mtu {0} into {1}…", mtu, result.Name), Msg.F("Write mtu {0} into {1}", mtu, result.Name),
            ct => host.Models.Links.WriteMtuAsync(result.Name, mtu, ct), null);
    }
}
