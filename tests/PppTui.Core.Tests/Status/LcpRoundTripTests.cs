using System.Buffers.Binary;

namespace PppTui.Core.Tests.Status;

public class LcpRoundTripTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 7, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An lcp-rtt-file as pppd 2.5 lays it out (8 KiB, big-endian words): magic, status, the word
    /// index of the latest entry, the echo interval; then (time, lost &lt;&lt; 24 | microseconds) pairs
    /// written in order from <paramref name="firstEntry"/> on, wrapping at the end of the ring.
    /// </summary>
    private static byte[] RttFile(int interval, int firstEntry, params (int Seconds, int Lost, int Micros)[] replies)
    {
        var file = new byte[8192];
        int entries = (file.Length - 16) / 8;
        void Put(int word, uint value) => BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(word * 4), value);
        Put(0, LcpRoundTrip.Magic);
        Put(1, 1);
        Put(3, (uint)interval);
        int entry = firstEntry;
        foreach (var (seconds, lost, micros) in replies)
        {
            Put(4 + entry * 2, (uint)T0.AddSeconds(seconds).ToUnixTimeSeconds());
            Put(4 + entry * 2 + 1, (uint)(lost << 24 | micros));
            Put(2, (uint)(entry * 2));
            entry = (entry + 1) % entries;
        }
        return file;
    }

    [Fact]
    public void The_latest_round_trip_the_average_the_worst_and_the_unanswered_echoes_are_read()
    {
        var rtt = LcpRoundTrip.Parse(RttFile(10, 0, (0, 0, 12_000), (10, 0, 18_000), (30, 1, 30_000)))!;

        Assert.Equal(30.0, rtt.LatestMs);
        Assert.Equal(20.0, rtt.AverageMs, 3);
        Assert.Equal(30.0, rtt.MaxMs);
        Assert.Equal((3, 1, 10), (rtt.Samples, rtt.Lost, rtt.EchoInterval));
        Assert.Equal(T0.AddSeconds(30), rtt.LatestAt);
        Assert.Equal("LCP echo round trip 30 ms (average 20 ms, worst 30 ms over the last 3; 1 unanswered)", rtt.Describe());
    }

    [Fact]
    public void A_ring_that_wrapped_is_read_oldest_to_latest_and_only_the_last_ten_count()
    {
        int entries = (8192 - 16) / 8;
        // Twelve replies from two entries before the end of the ring: the latest lands at entry 9.
        var replies = Enumerable.Range(1, 12).Select(i => (i * 10, 0, i * 1000)).ToArray();

        var rtt = LcpRoundTrip.Parse(RttFile(10, entries - 2, replies))!;

        Assert.Equal(12.0, rtt.LatestMs);
        Assert.Equal(10, rtt.Samples);
        Assert.Equal(7.5, rtt.AverageMs, 3);
        Assert.Equal(T0.AddSeconds(120), rtt.LatestAt);
    }

    [Fact]
    public void A_file_pppd_closed_one_without_replies_or_one_that_is_not_pppd_s_gives_no_round_trip()
    {
        var closed = RttFile(10, 0, (0, 0, 12_000));
        BinaryPrimitives.WriteUInt32BigEndian(closed.AsSpan(4), 0);
        var foreign = RttFile(10, 0, (0, 0, 12_000));
        foreign[0] ^= 0xFF;

        Assert.Null(LcpRoundTrip.Parse(closed));
        Assert.Null(LcpRoundTrip.Parse(RttFile(10, 0)));
        Assert.Null(LcpRoundTrip.Parse(foreign));
        Assert.Null(LcpRoundTrip.Parse(new byte[10]));
    }

    [Fact]
    public async Task Status_of_an_up_link_with_lcp_rtt_file_shows_the_round_trip_and_one_without_does_not()
    {
        using var sys = new FakeSystem()
            .Peer("dsl", "plugin pppoe.so\nnic-eth0\nlcp-echo-interval 10\nlcp-echo-failure 3\nlcp-rtt-file /run/ppp-dsl.rtt\n")
            .Pppd(7005, "call", "dsl", "updetach", "linkname", "dsl").LinkPidFile("dsl", 7005, "ppp0").InterfacePidFile("ppp0", 7005)
            .Interface("ppp0", mtu: 1492);
        File.WriteAllBytes(sys.Paths.Under("/run/ppp-dsl.rtt"), RttFile(10, 0, (0, 0, 4_200)));
        var runner = new FakeCommandRunner { Run = FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "203.0.113.10", "203.0.113.1", 1492)) };
        var reader = new LinkStatusReader(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths));

        var status = Assert.Single((await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links);

        Assert.Equal(LinkState.Up, status.State);
        Assert.Equal(4.2, status.KeepaliveRoundTrip!.LatestMs, 3);
        Assert.Contains("LCP echo round trip 4.2 ms", status.KeepaliveRoundTrip.Describe());

        File.Delete(sys.Paths.Under("/run/ppp-dsl.rtt"));
        Assert.Null(Assert.Single((await reader.ReadAllAsync(new LinkDiscovery(sys.Paths).Scan())).Links).KeepaliveRoundTrip);
    }
}
