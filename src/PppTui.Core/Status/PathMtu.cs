namespace PppTui.Core.Status;

/// <summary>Sends one packet of a given size with "don't fragment" set and says whether its answer came back.</summary>
public interface IPathPinger
{
    /// <summary>True when an IPv4 packet of <paramref name="packetSize"/> bytes (headers included) reached the far end and back.</summary>
    Task<bool> PassesAsync(int packetSize, CancellationToken cancellationToken);
}

/// <summary>
/// ICMP echo through <c>ping -M do</c> (DF set, no local fragmentation), out of one interface to
/// one address, through the process runner. The payload is the packet size less the 20-byte IP
/// header and the 8-byte ICMP header.
/// </summary>
public sealed class PingPathPinger(ICommandRunner runner, string iface, string target) : IPathPinger
{
    public const int Headers = 28;

    public static CommandSpec Command(string iface, string target, int packetSize) =>
        new("ping", ["-n", "-q", "-M", "do", "-s", (packetSize - Headers).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "1", "-W", "1", "-I", iface, target]) { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<bool> PassesAsync(int packetSize, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Command(iface, target, packetSize), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode is 127)
            throw new PppTuiException(Msg.T("ping is not installed: the probe sends ICMP echoes with ping -M do"),
                Msg.T("Install it (Debian: apt install iputils-ping) and probe again."));
        return result.Succeeded;
    }
}

/// <summary>One packet the probe sent: its size and whether it passed.</summary>
public sealed record ProbeTry(int Size, bool Passed);

/// <summary>What the probe found, and what to do about it.</summary>
public sealed record PathMtuResult
{
    public required string Name { get; init; }
    public required string Interface { get; init; }
    public required string Target { get; init; }
    /// <summary>The MTU of the interface now.</summary>
    public required int LinkMtu { get; init; }
    /// <summary>The largest IPv4 packet that passed end to end with DF set; null when none did.</summary>
    public int? LargestPassing { get; init; }
    public IReadOnlyList<ProbeTry> Tries { get; init; } = [];
    /// <summary>True when a packet of the link's full MTU passed: nothing to change.</summary>
    public bool MtuFits => LargestPassing is { } largest && largest >= LinkMtu;
    /// <summary>The MTU and MRU to set (null when the link's MTU fits or nothing passed).</summary>
    public int? RecommendedMtu => MtuFits || LargestPassing is null ? null : LargestPassing;
    /// <summary>Bytes pppd takes off the configured mtu on this link (4 with MPPE): the profile asks for that much more.</summary>
    public int MtuOverhead { get; init; }
    /// <summary>The mtu and mru to write into the profile so that the interface gets <see cref="RecommendedMtu"/>.</summary>
    public int? ProfileMtu => RecommendedMtu + MtuOverhead;
    /// <summary>The TCP MSS to clamp to: the recommended MTU less 40 bytes of IPv4 and TCP headers.</summary>
    public int? RecommendedMss => RecommendedMtu is { } mtu ? mtu - 40 : null;
    /// <summary>The nft rule that clamps forwarded TCP to the MSS (for the hosts behind this box).</summary>
    public string? NftRule => RecommendedMss is { } mss
        ? $"nft add rule inet filter forward oifname \"{Interface}\" tcp flags syn tcp option maxseg size set {mss}"
        : null;
    /// <summary>The same clamp with iptables.</summary>
    public string? IptablesRule => RecommendedMss is { } mss
        ? $"iptables -t mangle -A FORWARD -o {Interface} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss {mss}"
        : null;
    /// <summary>Set by <c>--apply</c>: the profile now asks for the recommended MTU and MRU.</summary>
    public bool Applied { get; init; }

    /// <summary>The finding in one sentence.</summary>
    public string Verdict => LargestPassing switch
    {
        null => Msg.F("no echo came back from {0} through {1}, not even a small one: the peer does not answer ping, so the probe cannot tell", Target, Interface),
        _ when MtuFits => Msg.F("packets of the link's full MTU ({0} bytes) pass to {1} with DF set: the link's MTU is fine", LinkMtu, Target),
        { } largest => Msg.F("the largest packet that passes to {0} is {1} bytes, less than the link's MTU {2}: larger packets vanish on the way (a path MTU black hole)", Target, largest, LinkMtu),
    };
}

/// <summary>
/// Finds the largest packet that passes a path with DF set: first the link's MTU (most links are
/// fine, and one echo says so), then a binary search between a small packet that passes and the
/// MTU. A packet that does not come back is sent once more before it counts as too large, so
/// one lost echo does not read as a black hole.
/// </summary>
public static class PathMtuSearch
{
    /// <summary>The small packet the search starts from: well under the 576 bytes every IPv4 path must carry, so it passes even through odd tunnels.</summary>
    public const int Smallest = 100;

    public static async Task<(int? Largest, IReadOnlyList<ProbeTry> Tries)> FindAsync(IPathPinger pinger, int linkMtu,
        CancellationToken cancellationToken = default)
    {
        var tries = new List<ProbeTry>();
        async Task<bool> Passes(int size)
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var passed = await pinger.PassesAsync(size, cancellationToken).ConfigureAwait(false);
                tries.Add(new ProbeTry(size, passed));
                if (passed) return true;
            }
            return false;
        }

        if (linkMtu <= Smallest) return (await Passes(linkMtu).ConfigureAwait(false) ? linkMtu : null, tries);
        if (await Passes(linkMtu).ConfigureAwait(false)) return (linkMtu, tries);
        if (!await Passes(Smallest).ConfigureAwait(false)) return (null, tries);
        int good = Smallest, bad = linkMtu;
        while (bad - good > 1)
        {
            var middle = good + (bad - good) / 2;
            if (await Passes(middle).ConfigureAwait(false)) good = middle;
            else bad = middle;
        }
        return (good, tries);
    }
}

/// <summary>Writes a probed MTU into a profile: mtu and mru both, then the profile's files.</summary>
public static class PathMtuProfile
{
    /// <summary>Sets mtu and mru of the profile <paramref name="name"/> to <paramref name="mtu"/> and applies it.</summary>
    public static Apply.ApplyResult Write(Profiles.ProfileService service, string name, int mtu)
    {
        var profile = service.Load(name);
        profile.Ppp.Mtu = mtu;
        profile.Ppp.Mru = mtu;
        return service.Apply(profile);
    }
}
