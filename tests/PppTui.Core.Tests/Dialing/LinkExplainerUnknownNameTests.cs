namespace PppTui.Core.Tests.Dialing;

public class LinkExplainerUnknownNameTests
{
    [Fact]
    public void A_name_with_no_profile_no_peers_file_and_no_record_is_not_explained_by_another_links_session()
    {
        using var sys = new FakeSystem().Peer("office", "noauth\n");
        var logs = new FakeLogReader(
            new PppLogEntry(DateTimeOffset.UnixEpoch, "pppd", 555, "Connect: ppp0 <--> /dev/pts/1"),
            new PppLogEntry(DateTimeOffset.UnixEpoch.AddSeconds(3), "pppd", 555, "MS-CHAP authentication failed: E=691"));
        var explainer = new LinkExplainer(sys.Paths, new PeerOptionsFileReader(sys.Paths), new FakeLinkDiagnoser(), logs);

        Assert.Null(explainer.Explain("nosuch"));
        Assert.NotNull(explainer.Explain("office")); // a known link still falls back to the latest session
    }
}
