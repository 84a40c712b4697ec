namespace PppTui.Core.Status;

/// <summary>What /sys/class/net/IFACE says about an interface at one moment.</summary>
public sealed record InterfaceCounters(
    string Name,
    bool Exists,
    int? Mtu,
    string? OperState,
    int Flags,
    long RxBytes,
    long TxBytes,
    DateTimeOffset At)
{
    private const int IffUp = 0x1;
    private const int IffRunning = 0x40;

    /// <summary>The interface is administratively up (pppd sets it up once IPCP has configured it).</summary>
    public bool IsUp => Exists && (Flags & IffUp) != 0;

    public bool IsRunning => Exists && (Flags & IffRunning) != 0;

    /// <summary>Reads the counters of <paramref name="iface"/> under the root; a missing interface reads as not existing.</summary>
    public static InterfaceCounters Read(SystemPaths paths, string iface, DateTimeOffset at)
    {
        var dir = Path.Join(paths.SysClassNet, iface);
        if (iface.Contains('/') || !Directory.Exists(dir)) return new(iface, false, null, null, 0, 0, 0, at);
        return new(
            iface,
            true,
            (int?)ReadNumber(Path.Join(dir, "mtu")),
            ReadText(Path.Join(dir, "operstate")),
            (int)(ReadNumber(Path.Join(dir, "flags")) ?? 0),
            ReadNumber(Path.Join(dir, "statistics", "rx_bytes")) ?? 0,
            ReadNumber(Path.Join(dir, "statistics", "tx_bytes")) ?? 0,
            at);
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? ReadNumber(string path)
    {
        var text = ReadText(path);
        if (string.IsNullOrEmpty(text)) return null;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}

/// <summary>Byte rates from two samples of the same interface.</summary>
public sealed record TrafficRates(double RxBytesPerSecond, double TxBytesPerSecond)
{
    /// <summary>Null when the samples are of different interfaces, out of order, or a counter went back (the interface was re-created).</summary>
    public static TrafficRates? Between(InterfaceCounters earlier, InterfaceCounters later)
    {
        if (!earlier.Exists || !later.Exists || earlier.Name != later.Name) return null;
        var seconds = (later.At - earlier.At).TotalSeconds;
        if (seconds <= 0) return null;
        if (later.RxBytes < earlier.RxBytes || later.TxBytes < earlier.TxBytes) return null;
        return new((later.RxBytes - earlier.RxBytes) / seconds, (later.TxBytes - earlier.TxBytes) / seconds);
    }
}
