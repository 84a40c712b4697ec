namespace PppTui.Core.Tests.Status;

public class KeepaliveAndDnsNoteTests
{
    [Fact]
    public void Keepalives_in_effect_read_as_how_often_and_after_how_long_the_peer_is_given_up()
    {
        Assert.Equal("LCP echo every 30 s; the link is given up after 4 unanswered (120 s)", LinkStatusReader.KeepaliveText(30, 4));
        Assert.Contains("never given up", LinkStatusReader.KeepaliveText(10, null));
        Assert.Contains("no LCP echoes", LinkStatusReader.KeepaliveText(null, 4));
    }

    [Fact]
    public void The_dns_note_says_whose_servers_are_in_effect_and_who_put_them_there()
    {
        Assert.Contains("the peer offered none", LinkStatusReader.DnsNote(DnsManager.Plain, "ppp0", [], false, null));
        Assert.Contains("(198.51.100.53) are not in effect", LinkStatusReader.DnsNote(DnsManager.Plain, "ppp0", ["198.51.100.53"], false, null));
        Assert.Contains("pppd's ip-up hook", LinkStatusReader.DnsNote(DnsManager.Plain, "ppp0", ["198.51.100.53"], true, null));
        Assert.Contains("by ppptui", LinkStatusReader.DnsNote(DnsManager.Plain, "ppp0", ["198.51.100.53"], true, new PeerDnsRecord("office", null, DnsManager.Plain)));
        Assert.Contains("systemd-resolved", LinkStatusReader.DnsNote(DnsManager.SystemdResolved, "ppp0", ["198.51.100.53"], true, null));
    }
}
