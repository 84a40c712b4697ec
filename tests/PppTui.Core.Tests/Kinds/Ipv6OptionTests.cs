namespace PppTui.Core.Tests.Kinds;

public class Ipv6OptionTests
{
    [Fact]
    public void Plus_ipv6_in_a_peers_file_imports_as_the_ipv6_setting_and_renders_back_as_plus_ipv6()
    {
        var ppp = new PppSettings();
        SharedPppOptions.Import(OptionFile.Parse("noauth\n+ipv6\n"), ppp);
        Assert.True(ppp.Ipv6);

        var peers = new PeersEditor("noauth\n");
        SharedPppOptions.Render(peers, ppp);
        Assert.True(peers.Has("+ipv6"));

        ppp.Ipv6 = false;
        SharedPppOptions.Render(peers, ppp);
        Assert.False(peers.Has("+ipv6"));
    }
}
