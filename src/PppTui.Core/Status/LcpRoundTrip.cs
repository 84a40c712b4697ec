using System.Buffers.Binary;

namespace PppTui.Core.Status;

/// <summary>
/// The round-trip times of a link's LCP echoes (keepalives) as pppd 2.5 logs them with
/// <c>lcp-rtt-file FILE</c>: the latest, the average and the worst of the most recent ones, and
/// how many echoes went unanswered among them.
/// </summary>
public sealed record LcpRoundTrip(double LatestMs, double AverageMs, double MaxMs, int Samples, int Lost, DateTimeOffset LatestAt, int EchoInterval)
{
    /// <summary>The first word of the file (and of pppd's timestamped echo data).</summary>
    public const uint Magic = 0x19450425;

    private const int HeaderWords = 4;
    // The average and the worst are of this many latest echoes: at the usual lcp-echo-interval of
    // 10 to 30 s that is the last few minutes, recent enough to say how the link is now.
    private const int Recent = 10;

    /// <summary>The times in words, for status and the IP pane.</summary>
    public string Describe() => Msg.F("LCP echo round trip {0} ms (average {1} ms, worst {2} ms over the last {3}; {4} unanswered)",
        Ms(LatestMs), Ms(AverageMs), Ms(MaxMs), Samples, Lost);

    /// <summary>
    /// Reads the file pppd maps and writes: a header of four big-endian 32-bit words (the magic
    /// number, 1 while pppd has it open, the word index of the latest entry in the ring, the echo
    /// interval), then a ring of entries of two words each (the Unix time of the reply; the
    /// unanswered echoes before it in bits 24-31 and the round trip in microseconds in bits 0-23).
    /// Null when the file is not pppd's, pppd has closed it (the link is down), or no reply came yet.
    /// </summary>
    public static LcpRoundTrip? Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < (HeaderWords + 2) * 4 || Word(file, 0) != Magic || Word(file, 1) != 1) return null;
        var ring = file[(HeaderWords * 4)..];
        int entries = ring.Length / 8;
        long latestWord = Word(file, 2);
        if (latestWord % 2 != 0 || latestWord / 2 >= entries) return null;
        int latest = (int)(latestWord / 2);
        if (Word(ring, latest * 2) == 0) return null;
        // Oldest first: the ring after the latest entry, then up to it; never-written entries have time 0.
        var ordered = new List<(uint Time, uint Value)>();
        for (int i = 1; i <= entries; i++)
        {
            int at = (latest + i) % entries;
            if (Word(ring, at * 2) is var time and not 0) ordered.Add((time, Word(ring, at * 2 + 1)));
        }
        var recent = ordered.TakeLast(Recent).ToList();
        var rtts = recent.Select(e => (e.Value & 0xFFFFFF) / 1000.0).ToList();
        return new LcpRoundTrip(rtts[^1], rtts.Average(), rtts.Max(), recent.Count, recent.Sum(e => (int)(e.Value >> 24)),
            DateTimeOffset.FromUnixTimeSeconds(recent[^1].Time), (int)Math.Min(Word(file, 3), int.MaxValue));
    }

    /// <summary>Reads <paramref name="path"/>; null when it cannot be read or holds no round trip yet.</summary>
    public static LcpRoundTrip? Read(string path)
    {
        try
        {
            // pppd makes the file 8 KiB; a larger one is not its.
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > 64 * 1024) return null;
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static uint Word(ReadOnlySpan<byte> data, int index) => BinaryPrimitives.ReadUInt32BigEndian(data[(index * 4)..]);

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
