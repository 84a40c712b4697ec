using CoreLinkStatus = PppTui.Core.Status.LinkStatus;
using PppTui.Core.Status;

namespace PppTui.Tests.Cli;

public class StatusIpv6Tests
{
    private static CoreLinkStatus UpWithIpv6() => new()
    {
        Name = "dsl",
        State = PppTui.Core.Dialing.LinkState.Up,
        Interface = "ppp0",
        LocalAddress = "203.0.113.10",
        PeerAddress = "203.0.113.1",
        Ipv6 = new LinkIpv6
        {
            State = Ipv6cpState.Up,
            LinkLocal = "fe80::1",
            PeerLinkLocal = "fe80::2",
            Addresses = ["2001:db8:44:1::5/64"],
            Routes = ["fe80::2 dev ppp0 proto kernel metric 256", "default via fe80::2 dev ppp0 proto ra metric 1024"],
            Summary = "IPV6CP up: link-local fe80::1, peer fe80::2",
        },
    };

    [Fact]
    public void Status_text_prints_ipv6cp_the_link_local_ends_other_addresses_and_ipv6_routes()
    {
        var w = new StringWriter();

        LinkVerbs.WriteStatus(w, UpWithIpv6());

        var text = w.ToString();
        Assert.Contains("  ipv6      IPV6CP up: link-local fe80::1, peer fe80::2\n            2001:db8:44:1::5/64\n", text);
        Assert.Contains("  routes6   fe80::2 dev ppp0 proto kernel metric 256\n            default via fe80::2 dev ppp0 proto ra metric 1024\n", text);
    }

    [Fact]
    public void The_ip_pane_says_the_same_ipv6_facts_under_the_link()
    {
        var facts = LinkStatusAdapter.FactsOf(UpWithIpv6());

        Assert.Contains("IPv6 IPV6CP up: link-local fe80::1, peer fe80::2", facts);
        Assert.Contains("IPv6 2001:db8:44:1::5/64", facts);
        Assert.Contains("IPv6 route default via fe80::2 dev ppp0 proto ra metric 1024", facts);
    }
}
