namespace PppTui.Core.Tests.PppConfig;

/// <summary>One rule for what counts as a peers file: what the peers folder holds besides connections is left out.</summary>
public sealed class PeersFileRuleTests : IDisposable
{
    private const string MyVpn = "remotename myvpn\npty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nrequire-mppe-128\nmtu 1416 #critical!!!\n";
    private const string ChatScript = "ABORT BUSY\nABORT 'NO CARRIER'\nTIMEOUT 30\n'' ATZ\nOK AT+CGDCONT=1,\"IP\",\"internet\"\nOK ATDT*99#\nCONNECT ''\n";

    private readonly SandboxRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("README")]
    [InlineData("README.md")]
    [InlineData("myvpn.orig")]
    [InlineData("myvpn.bak")]
    [InlineData("myvpn~")]
    [InlineData("myvpn.swp")]
    [InlineData("provider.dpkg-old")]
    [InlineData("provider.dpkg-dist")]
    [InlineData("provider.dpkg-new")]
    [InlineData(".myvpn.swp")]
    public void Leftovers_and_readmes_are_not_peers_files_by_their_name(string name) =>
        Assert.NotNull(PeersFileRule.WhyNotPeersName(name));

    [Theory]
    [InlineData("myvpn")]
    [InlineData("provider")]
    [InlineData("dsl-provider")]
    [InlineData("a_tw")]
    [InlineData("office.vpn")]
    public void Connection_names_are_peers_names(string name) => Assert.Null(PeersFileRule.WhyNotPeersName(name));

    [Fact]
    public void A_chat_script_and_prose_are_not_pppd_options_and_real_peers_files_are()
    {
        Assert.Equal("a chat script (expect/send pairs, not pppd options)", PeersFileRule.WhyNotPeersText(ChatScript));
        Assert.NotNull(PeersFileRule.WhyNotPeersText("This folder holds one file per connection; see man pppd.\n"));
        Assert.Null(PeersFileRule.WhyNotPeersText(MyVpn));
        Assert.Null(PeersFileRule.WhyNotPeersText("# modem\n/dev/ttyUSB0\n115200\nconnect \"/usr/sbin/chat -f /etc/chatscripts/lte\"\nnoipdefault\n"));
        Assert.Null(PeersFileRule.WhyNotPeersText("plugin rp-pppoe.so\neth0\nuser \"bob@isp\"\n"));
        Assert.Null(PeersFileRule.WhyNotPeersText("# nothing set: pppd call runs it with the defaults\n"));
    }

    [Fact]
    public void The_peers_folder_listing_keeps_the_peers_files_only()
    {
        _root.Write("/etc/ppp/peers/myvpn", MyVpn);
        _root.Write("/etc/ppp/peers/provider", "user myname\nconnect \"/usr/sbin/chat -v -f /etc/chatscripts/provider\"\n/dev/modem\n115200\nnoipdefault\ndefaultroute\n");
        _root.Write("/etc/ppp/peers/README", "Put one file per connection in this folder.\n");
        _root.Write("/etc/ppp/peers/myvpn.orig", MyVpn);
        _root.Write("/etc/ppp/peers/myvpn.swp", "b0VIM 8.2");
        _root.Write("/etc/ppp/peers/provider.dpkg-old", "user myname\n");
        _root.Write("/etc/ppp/peers/gprs-chat", ChatScript);

        Assert.Equal(["myvpn", "provider"], new PeersImporter(_root.Paths).PeerNames());
    }
}
