namespace PppTui.Core.Tests.Status;

/// <summary>A path that drops every packet larger than <c>limit</c>, and optionally loses some echoes (as a busy link does).</summary>
internal sealed class FakePathPinger(int limit, int loseFirstTries = 0) : IPathPinger
{
    public List<int> Sent { get; } = [];
    private int _lose = loseFirstTries;

    public Task<bool> PassesAsync(int packetSize, CancellationToken cancellationToken)
    {
        Sent.Add(packetSize);
        if (_lose > 0)
        {
            _lose--;
            return Task.FromResult(false);
        }
        return Task.FromResult(packetSize <= limit);
    }
}

public class PathMtuSearchTests
{
    [Theory]
    [InlineData(1456, 1400)]
    [InlineData(1492, 1416)]
    [InlineData(1456, 1455)]
    [InlineData(1500, 101)]
    public async Task A_black_hole_under_the_link_mtu_is_found_to_the_byte(int linkMtu, int hole)
    {
        var pinger = new FakePathPinger(hole);

        var (largest, tries) = await PathMtuSearch.FindAsync(pinger, linkMtu);

        Assert.Equal(hole, largest);
        // A binary search: about log2(MTU) echoes plus one retry of each size that failed.
        Assert.True(tries.Count <= 2 * 12 + 2, $"{tries.Count} echoes for one search");
    }

    [Fact]
    public async Task A_link_whose_full_mtu_passes_is_fine_after_one_echo()
    {
        var pinger = new FakePathPinger(1500);

        var (largest, tries) = await PathMtuSearch.FindAsync(pinger, 1456);

        Assert.Equal(1456, largest);
        Assert.Equal([1456], pinger.Sent);
        Assert.True(new PathMtuResult { Name = "vpn", Interface = "ppp0", Target = "198.51.100.1", LinkMtu = 1456, LargestPassing = largest, Tries = tries }.MtuFits);
    }

    [Fact]
    public async Task One_lost_echo_is_sent_again_rather_than_read_as_a_black_hole()
    {
        var pinger = new FakePathPinger(1500, loseFirstTries: 1);

        var (largest, _) = await PathMtuSearch.FindAsync(pinger, 1456);

        Assert.Equal(1456, largest);
        Assert.Equal([1456, 1456], pinger.Sent);
    }

    [Fact]
    public async Task A_peer_that_answers_no_echo_at_all_gives_no_size_instead_of_a_tiny_one()
    {
        var pinger = new FakePathPinger(0);

        var (largest, _) = await PathMtuSearch.FindAsync(pinger, 1456);

        Assert.Null(largest);
        var result = new PathMtuResult { Name = "vpn", Interface = "ppp0", Target = "198.51.100.1", LinkMtu = 1456 };
        Assert.Null(result.RecommendedMtu);
        Assert.Contains("does not answer ping", result.Verdict);
    }

    [Fact]
    public void A_black_hole_recommends_that_mtu_the_mss_forty_below_and_both_clamp_rules()
    {
        var result = new PathMtuResult
        {
            Name = "vpn", Interface = "ppp0", Target = "198.51.100.1", LinkMtu = 1456, LargestPassing = 1400, MtuOverhead = 4,
        };

        Assert.False(result.MtuFits);
        Assert.Equal(1400, result.RecommendedMtu);
        Assert.Equal(1404, result.ProfileMtu);
        Assert.Equal(1360, result.RecommendedMss);
        Assert.Equal("nft add rule inet filter forward oifname \"ppp0\" tcp flags syn tcp option maxseg size set 1360", result.NftRule);
        Assert.Equal("iptables -t mangle -A FORWARD -o ppp0 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1360", result.IptablesRule);
    }

    [Fact]
    public void Ping_is_asked_for_the_payload_of_the_packet_size_with_df_set_out_of_the_link()
    {
        var spec = PingPathPinger.Command("ppp0", "198.51.100.1", 1400);

        Assert.Equal("ping", spec.Program);
        Assert.Equal(["-n", "-q", "-M", "do", "-s", "1372", "-c", "1", "-W", "1", "-I", "ppp0", "198.51.100.1"], spec.Arguments);
    }
}
