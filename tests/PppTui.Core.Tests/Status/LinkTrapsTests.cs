namespace PppTui.Core.Tests.Status;

public class LinkTrapsTests
{
    private static PeerOptions Options(params string[] words) =>
        new(words.Select(w => w.Split(' ')).ToDictionary(w => w[0], w => w.Length > 1 ? w[1] : null));

    private static LinkTrapInput Input(PeerOptions options, string routesJson, DnsState? dns = null,
        IReadOnlyList<string>? peerDns = null, bool? applied = null, params string[] lines) =>
        new("myvpn", "ppp0", options, IpOutput.ParseRoutes(routesJson),
            dns ?? new DnsState(DnsManager.Plain, ["192.0.2.53"], [], null), peerDns ?? [], applied, lines);

    [Fact]
    public void Defaultroute_not_taken_because_another_default_exists_is_explained_with_pppds_own_line()
    {
        var input = Input(Options("defaultroute"), IpJson.Routes(), lines: "not replacing default route to eth0 [192.0.2.1]");

        var trap = Assert.Single(LinkTraps.AfterUp(input));

        Assert.Equal("default-route-not-added", trap.Code);
        Assert.Equal(DiagnosisSeverity.Warning, trap.Severity);
        Assert.Contains("replacedefaultroute", trap.Fix);
        Assert.Contains("ip route add", trap.Fix);
        Assert.Equal("not replacing default route to eth0 [192.0.2.1]", trap.Evidence);
    }

    [Fact]
    public void Without_the_log_line_the_route_table_is_the_evidence()
    {
        var trap = Assert.Single(LinkTraps.AfterUp(Input(Options("defaultroute"), IpJson.Routes())));

        Assert.Equal("ip route: default via 192.0.2.1 dev eth0", trap.Evidence);
    }

    [Fact]
    public void Replacedefaultroute_that_did_not_take_is_its_own_diagnosis()
    {
        var trap = Assert.Single(LinkTraps.AfterUp(Input(Options("replacedefaultroute"), IpJson.Routes())));

        Assert.Equal("default-route-not-replaced", trap.Code);
    }

    [Fact]
    public void A_link_that_owns_the_default_route_or_never_asked_for_it_has_no_route_trap()
    {
        var owned = """[{"dst":"default","dev":"ppp0","scope":"link","flags":[]}]""";

        Assert.Empty(LinkTraps.AfterUp(Input(Options("defaultroute"), owned)));
        Assert.Empty(LinkTraps.AfterUp(Input(Options("noauth"), IpJson.Routes())));
    }

    [Fact]
    public void Peer_dns_ignored_under_systemd_resolved_offers_to_apply_it_to_the_link()
    {
        var dns = new DnsState(DnsManager.SystemdResolved, ["127.0.0.53"], ["198.51.100.53"], "../run/systemd/resolve/stub-resolv.conf");
        var owned = """[{"dst":"default","dev":"ppp0","scope":"link","flags":[]}]""";

        var trap = Assert.Single(LinkTraps.AfterUp(Input(Options("usepeerdns"), owned, dns, ["198.51.100.53"], applied: false)));

        Assert.Equal("peer-dns-ignored-resolved", trap.Code);
        Assert.Contains("resolvectl dns ppp0 198.51.100.53", trap.Fix);
        Assert.Contains("198.51.100.53", trap.Evidence);
    }

    [Fact]
    public void Peer_dns_ignored_under_resolvconf_and_not_merged_in_a_plain_file_are_told_apart()
    {
        var owned = """[{"dst":"default","dev":"ppp0","scope":"link","flags":[]}]""";
        var resolvconf = new DnsState(DnsManager.Resolvconf, ["192.0.2.53"], ["198.51.100.53"], null);
        var plain = new DnsState(DnsManager.Plain, ["192.0.2.53"], ["198.51.100.53"], null);

        Assert.Equal("peer-dns-ignored-resolvconf",
            LinkTraps.AfterUp(Input(Options("usepeerdns"), owned, resolvconf, ["198.51.100.53"], false)).Single().Code);
        Assert.Equal("peer-dns-not-merged",
            LinkTraps.AfterUp(Input(Options("usepeerdns"), owned, plain, ["198.51.100.53"], false)).Single().Code);
        Assert.Empty(LinkTraps.AfterUp(Input(Options("usepeerdns"), owned, plain, ["198.51.100.53"], true)));
        Assert.Empty(LinkTraps.AfterUp(Input(Options("noauth"), owned, plain, ["198.51.100.53"], false)));
    }

    [Theory]
    [InlineData(new[] { "mtu 1416", "require-mppe-128" }, 1412, false, "1416 configured, 1412 after MPPE (MPPE takes 4 bytes)")]
    [InlineData(new[] { "mtu 1416" }, 1412, true, "1416 configured, 1412 after MPPE (MPPE takes 4 bytes)")]
    [InlineData(new[] { "mtu 1416", "require-mppe" }, 1396, false, "1416 configured, 1396 in use: the peer's MRU is smaller, and MPPE takes 4 bytes")]
    [InlineData(new[] { "mtu 1492" }, 1480, false, "1492 configured, 1480 in use: the peer asked for a smaller MRU")]
    [InlineData(new[] { "mtu 1500", "mru 1400" }, 1400, false, null)]
    [InlineData(new[] { "mtu 1416" }, 1416, false, null)]
    [InlineData(new[] { "noauth" }, 1500, false, null)]
    public void The_mtu_note_says_why_the_interface_differs_from_the_profile(string[] options, int actual, bool mppe, string? note)
    {
        Assert.Equal(note, LinkTraps.MtuNote(Options(options), actual, mppe));
    }
}
