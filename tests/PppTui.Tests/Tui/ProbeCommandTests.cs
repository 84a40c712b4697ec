using Terminal.Gui.Input;

namespace PppTui.Tests.Tui;

public class ProbeCommandTests
{
    [Fact]
    public void Probing_an_up_link_whose_mtu_fits_says_so_and_offers_nothing_to_write()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Press(Key.P.WithAlt);
        Wait.Until(h, () => h.Screen.MessageText.Contains("the link's MTU is fine"));
        Assert.Equal(["office-vpn"], h.Links.Probes);
        Assert.Empty(h.Dialogs.Confirms);
        Assert.Empty(h.Links.MtuWrites);
    }

    [Fact]
    public void A_black_hole_offers_to_write_the_probed_mtu_with_the_mppe_bytes_into_the_profile()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Links.ProbeResult = name => new PathMtuResult
        {
            Name = name, Interface = "ppp0", Target = "10.8.0.1", LinkMtu = 1400, LargestPassing = 1300, MtuOverhead = 4,
        };
        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.P.WithAlt);
        Wait.Until(h, () => h.Links.MtuWrites.Count == 1);
        Assert.Equal(("office-vpn", 1304), h.Links.MtuWrites[0]);
        var (_, message) = Assert.Single(h.Dialogs.Confirms);
        Assert.Contains("tcp option maxseg size set 1260", message);
        Assert.Contains("--set-mss 1260", message);
    }

    [Fact]
    public void Probe_is_refused_with_a_reason_on_a_link_that_is_not_up()
    {
        using var h = ScreenHost.Start(80, 24);
        h.Screen.Profiles.Select("dsl");
        h.Press(Key.P.WithAlt);
        Assert.Equal("Probe MTU: the link is not up", h.Screen.MessageText);
        Assert.Empty(h.Links.Probes);
    }
}
