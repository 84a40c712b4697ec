namespace PppTui.Core.Status;

/// <summary>Routes and DNS, read once per refresh and shared by every link's status.</summary>
public sealed record NetworkView(IReadOnlyList<RouteEntry> Routes, DnsState Dns, bool RoutesKnown)
{
    /// <summary>Every interface of the box with its addresses, ppp links first; empty until read (see <see cref="LinkStatusReader.ReadInterfacesAsync"/>).</summary>
    public IReadOnlyList<InterfaceAddresses> Interfaces { get; init; } = [];
}

/// <summary>One refresh: every link's status, and the counters to compute rates from next time.</summary>
public sealed record StatusSample(IReadOnlyList<LinkStatus> Links, IReadOnlyDictionary<string, InterfaceCounters> Counters);

/// <summary>
/// Reads the status of links from the live system: /sys/class/net for counters and MTU,
/// rtnetlink (<see cref="Kernel"/>) or else <c>ip -j</c> for addresses and routes, resolv.conf files (and resolvectl under
/// systemd-resolved) for DNS, pid files and /proc for pid and uptime.
/// </summary>
public sealed class LinkStatusReader
{
    private readonly SystemPaths _paths;
    private readonly ICommandRunner _runner;
    private readonly IPeerOptionsReader _options;
    private readonly TimeProvider _time;
    private readonly ProcessTable _processes;

    public LinkStatusReader(SystemPaths paths, ICommandRunner runner, IPeerOptionsReader options, TimeProvider? time = null)
    {
        _paths = paths;
        _runner = runner;
        _options = options;
        _time = time ?? TimeProvider.System;
        _processes = new ProcessTable(paths);
    }

    /// <summary>Status of every running link and every link that died without cleaning up.</summary>
    public async Task<StatusSample> ReadAllAsync(DiscoverySnapshot snapshot,
        IReadOnlyDictionary<string, InterfaceCounters>? previous = null, CancellationToken cancellationToken = default)
    {
        var network = await ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
        var links = new List<LinkStatus>();
        var counters = new Dictionary<string, InterfaceCounters>(StringComparer.Ordinal);
        foreach (var link in snapshot.Links)
        {
            InterfaceCounters? before = null;
            if (link.Interface is { } i) previous?.TryGetValue(i, out before);
            var (status, now) = await ReadAsync(link, network, before, null, cancellationToken).ConfigureAwait(false);
            links.Add(status);
            if (now is not null) counters[now.Name] = now;
        }
        var running = links.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        links.AddRange(snapshot.Stale.Where(s => !running.Contains(s.Name)).Select(Stale));
        return new StatusSample(links.Select(WithDropReason).ToList(), counters);
    }

    /// <summary>
    /// Why a link that came up went down (the diagnosis explain gives), for the reason of a link
    /// that is redialing; null leaves such a link's reason as it is.
    /// </summary>
    public Func<string, Diagnosis?>? ExplainDrop { get; init; }

    private static bool IsRedialing(LinkStatus link) => link.Interface is null && link.State is not (LinkState.Up or LinkState.Down);

    /// <summary>
    /// A link that came up and is now dialing again dropped in between: pppd with <c>persist</c>
    /// redials by itself, and "dialing" alone would hide why it went down (a PPTP link whose
    /// control connection another profile closed, say). Every reader of the status (the CLI, the
    /// TUI's link watch) gets the same reason and diagnosis.
    /// </summary>
    private LinkStatus WithDropReason(LinkStatus link)
    {
        if (ExplainDrop is null || !IsRedialing(link) || new DialAttemptStore(_paths).Load(link.Name) is not { Outcome: LinkState.Up }) return link;
        if (ExplainDrop(link.Name) is not { Severity: DiagnosisSeverity.Failure } diagnosis) return link;
        return link with { Reason = Msg.F("redialing; the link went down: {0}", diagnosis.Cause), Diagnosis = diagnosis };
    }

    /// <summary>
    /// The kernel's tables kept by an rtnetlink watch: while set and ready, addresses and routes
    /// are read from it instead of running <c>ip</c>; null (or not ready yet) asks
    /// <see cref="ReadKernelTables"/>.
    /// </summary>
    public IKernelNotices? Kernel { get; set; }

    /// <summary>
    /// Reads the kernel's tables once (an rtnetlink dump) for a read without a watch; null from it
    /// (no rtnetlink here, fakes) runs <c>ip</c>.
    /// </summary>
    public Func<CancellationToken, Task<KernelTables?>> ReadKernelTables { get; set; } = _ => Task.FromResult<KernelTables?>(null);

    private async Task<KernelTables?> TablesAsync(CancellationToken cancellationToken) =>
        Kernel is { Ready: true } k ? k.Tables : await ReadKernelTables(cancellationToken).ConfigureAwait(false);

    public async Task<NetworkView> ReadNetworkAsync(CancellationToken cancellationToken = default)
    {
        if (await TablesAsync(cancellationToken).ConfigureAwait(false) is { } tables)
            return new NetworkView(tables.Routes(), DnsState.Read(_paths), true);
        var routes = await _runner.RunAsync(IpCommands.MainRoutes(), cancellationToken).ConfigureAwait(false);
        var parsed = routes.Succeeded ? IpOutput.ParseRoutes(routes.StandardOutput) : [];
        return new NetworkView(parsed, DnsState.Read(_paths), routes.Succeeded);
    }

    /// <summary>
    /// Every interface and its addresses (<c>ip -j addr show</c>), ppp interfaces first, then in the
    /// kernel's order; empty when <c>ip</c> fails.
    /// </summary>
    public async Task<IReadOnlyList<InterfaceAddresses>> ReadInterfacesAsync(CancellationToken cancellationToken = default)
    {
        if (await TablesAsync(cancellationToken).ConfigureAwait(false) is { } tables) return tables.Interfaces().OrderBy(i => i.IsPpp ? 0 : 1).ToList();
        var result = await _runner.RunAsync(IpCommands.AllAddresses(), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return [];
        return IpOutput.ParseAddresses(result.StandardOutput).OrderBy(i => i.IsPpp ? 0 : 1).ToList();
    }

    /// <summary>
    /// Status of one running link. <paramref name="dial"/> carries what the dial itself saw
    /// (MPPE agreed, the lines for evidence) when ppptui started it.
    /// </summary>
    public async Task<(LinkStatus Status, InterfaceCounters? Counters)> ReadAsync(RunningLink link, NetworkView network,
        InterfaceCounters? previous = null, DialKnowledge? dial = null, CancellationToken cancellationToken = default)
    {
        var options = new PeerOptions(link.Profile is { } profile ? _options.Read(profile) : new Dictionary<string, string?>());
        var now = _time.GetUtcNow();
        var status = new LinkStatus
        {
            Name = link.Name,
            State = LinkState.Connecting,
            Pid = link.Pid,
            Interface = link.Interface,
            ConfiguredMtu = options.Mtu,
            Keepalive = KeepaliveText(options.LcpEchoInterval, options.LcpEchoFailure),
            Command = link.CommandText,
            DnsManager = network.Dns.Manager,
            Dns = network.Dns.SystemServers,
            DefaultRouteDevice = IpOutput.EffectiveDefault(network.Routes)?.Device,
        };
        if (link.Interface is not { } iface)
            return (status with { State = WaitingState(link, options), Reason = $"pppd (pid {link.Pid}) is dialing; no interface yet" }, null);

        var counters = InterfaceCounters.Read(_paths, iface, now);
        if (!counters.Exists)
            return (status with { State = WaitingState(link, options), Reason = $"{iface} does not exist yet" }, null);

        // One read of the kernel's tables serves the addresses and the IPv6 routes.
        var tables = await TablesAsync(cancellationToken).ConfigureAwait(false);
        var addresses = await AddressesAsync(tables, iface, cancellationToken).ConfigureAwait(false);
        var address = addresses?.FirstIPv4;
        var rates = previous is null ? null : TrafficRates.Between(previous, counters);
        var upSince = UpSince(link);
        status = status with
        {
            LocalAddress = address?.Local,
            PeerAddress = address?.Peer,
            Mtu = counters.Mtu,
            MtuNote = LinkTraps.MtuNote(options, counters.Mtu, dial?.Details.Compression?.StartsWith("MPPE", StringComparison.Ordinal) ?? false),
            RxBytes = counters.RxBytes,
            TxBytes = counters.TxBytes,
            RxRate = rates?.RxBytesPerSecond,
            TxRate = rates?.TxBytesPerSecond,
            UpSince = upSince,
            UptimeSeconds = upSince is { } since ? (long)Math.Max(0, (now - since).TotalSeconds) : null,
            Routes = network.Routes.Where(r => r.Device == iface).Select(r => r.ToString()).ToList(),
            OwnsDefaultRoute = IpOutput.EffectiveDefault(network.Routes)?.Device == iface,
        };
        if (!(counters.IsUp && address is not null))
            return (status with { State = LinkState.Connecting, Reason = $"{iface} has no IPv4 address yet" }, counters);

        var peerDns = dial?.Details.Dns is { Count: > 0 } fromDial ? fromDial : network.Dns.PeerServers;
        var (effectiveDns, applied) = await DnsInEffectAsync(network.Dns, iface, peerDns, cancellationToken).ConfigureAwait(false);
        var notices = LinkTraps.AfterUp(new LinkTrapInput(link.Name, iface, options,
            network.RoutesKnown ? network.Routes : null,
            network.Dns, peerDns, applied, dial?.Lines ?? []));
        return (status with
        {
            State = LinkState.Up,
            Reason = null,
            Ipv6 = LinkIpv6.Of(iface, addresses, await Ipv6RoutesAsync(tables, addresses, cancellationToken).ConfigureAwait(false),
                options.AsksIpv6, dial?.Lines),
            Dns = effectiveDns,
            PeerDns = peerDns,
            PeerDnsApplied = peerDns.Count == 0 ? null : applied,
            DnsNote = DnsNote(network.Dns.Manager, iface, peerDns, applied, PeerDnsMerge.RecordFor(_paths, iface)),
            Notices = notices,
            // pppd chdirs to / once it runs in the background, so a relative file is under /.
            KeepaliveRoundTrip = options.LcpRttFile is { } rtt ? LcpRoundTrip.Read(_paths.Under(rtt)) : null,
        }, counters);
    }

    private async Task<InterfaceAddresses?> AddressesAsync(KernelTables? tables, string iface, CancellationToken cancellationToken)
    {
        if (tables is not null) return tables.Interface(iface);
        var addresses = await _runner.RunAsync(IpCommands.AddressesOf(iface), cancellationToken).ConfigureAwait(false);
        return addresses.Succeeded
            ? IpOutput.ParseAddresses(addresses.StandardOutput).FirstOrDefault(a => a.Name == iface)
            : null;
    }

    // Read only for an interface with IPv6 addresses: an IPv4-only link (most) costs no extra ip run.
    private async Task<IReadOnlyList<RouteEntry>> Ipv6RoutesAsync(KernelTables? tables, InterfaceAddresses? addresses,
        CancellationToken cancellationToken)
    {
        if (addresses is null || addresses.Addresses.All(a => a.Family != "inet6")) return [];
        if (tables is not null) return tables.Ipv6Routes().Where(r => r.Device == addresses.Name).ToList();
        var result = await _runner.RunAsync(IpCommands.Ipv6RoutesOf(addresses.Name), cancellationToken).ConfigureAwait(false);
        // Filtered by dev, ip leaves the device out of each route: it is this interface.
        return result.Succeeded
            ? IpOutput.ParseRoutes(result.StandardOutput).Select(r => r with { Device = r.Device ?? addresses.Name }).ToList()
            : [];
    }

    /// <summary>A link whose pppd is gone but whose pid files are still there.</summary>
    public LinkStatus Stale(StaleLink stale) => new()
    {
        Name = stale.Name,
        State = LinkState.Down,
        Pid = stale.Pid,
        Interface = stale.Interface,
        Reason = $"pppd (pid {stale.Pid}) ended without cleaning up (killed with SIGKILL, or it crashed)",
        Diagnosis = new Diagnosis("pppd-vanished", DiagnosisSeverity.Failure,
            $"pppd (pid {stale.Pid}) ended without cleaning up (killed with SIGKILL, or it crashed); its pid files are still there.",
            "Find out what killed it (dmesg for the OOM killer); connect again. ppptui ignores the stale pid files.",
            "stale " + string.Join(", ", stale.PidFiles.Select(Path.GetFileName)), null),
    };

    private async Task<(IReadOnlyList<string> Servers, bool Applied)> DnsInEffectAsync(DnsState dns, string iface,
        IReadOnlyList<string> peer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> effective = dns.SystemServers;
        switch (dns.Manager)
        {
            case DnsManager.SystemdResolved:
                var result = await _runner.RunAsync(IpCommands.LinkDns(iface), cancellationToken).ConfigureAwait(false);
                var linkServers = result.Succeeded ? DnsState.ParseResolvectlDns(result.StandardOutput) : [];
                if (linkServers.Count > 0) effective = linkServers;
                break;
            case DnsManager.Resolvconf:
                var registered = DnsState.ResolvconfServersFor(_paths, iface);
                if (registered.Count > 0) effective = [.. registered, .. dns.SystemServers.Except(registered)];
                break;
        }
        return (effective, peer.Count > 0 && peer.All(effective.Contains));
    }

    /// <summary>The keepalive settings in words: how often pppd sends an LCP echo and when it gives the peer up.</summary>
    public static string KeepaliveText(int? interval, int? failure) => (interval, failure) switch
    {
        (null or 0, _) => Msg.T("no LCP echoes (lcp-echo-interval not set): a dead peer is noticed only when traffic fails"),
        ({ } i, null or 0) => Msg.F("LCP echo every {0} s, but no lcp-echo-failure: a peer that stops answering is never given up", i),
        ({ } i, { } f) => Msg.F("LCP echo every {0} s; the link is given up after {1} unanswered ({2} s)", i, f, i * f),
    };

    /// <summary>Why the servers in effect are these: the peer's (and who put them there) or the system's.</summary>
    /// <param name="record">What ppptui left for the link (a profile's ip-up.d hook, or its own merge), or null.</param>
    public static string DnsNote(DnsManager manager, string iface, IReadOnlyList<string> peer, bool applied, PeerDnsRecord? record)
    {
        if (peer.Count == 0) return Msg.T("the system's servers: the peer offered none (usepeerdns is off, or the server sends none)");
        if (!applied) return Msg.F("the system's servers: the peer's ({0}) are not in effect", string.Join(' ', peer));
        var mergedByPpptui = record is { Manager: DnsManager.Plain };
        if (record is { How: not null })
        {
            var where = record.Manager switch
            {
                DnsManager.SystemdResolved => Msg.F("set on {0} in systemd-resolved", iface),
                DnsManager.Resolvconf => Msg.F("registered with resolvconf as {0}", iface + ".ppptui"),
                _ => Msg.F("merged into {0}", "/etc/resolv.conf"),
            };
            return Msg.F("the peer's servers, {0} by {1}'s hook {2} (taken out again when the link goes down)", where, record.Name, SystemPaths.RoutesScriptSystemPath(record.Name));
        }
        return manager switch
        {
            DnsManager.SystemdResolved => Msg.F("the peer's servers, set on {0} in systemd-resolved", iface),
            DnsManager.Resolvconf => Msg.F("the peer's servers, registered with resolvconf for {0}", iface),
            _ when mergedByPpptui => Msg.F("the peer's servers, {0}", Msg.F("merged into {0} by ppptui (taken out again on disconnect)", "/etc/resolv.conf")),
            _ => Msg.T("the peer's servers, merged into /etc/resolv.conf by pppd's ip-up hook (usepeerdns)"),
        };
    }

    private static LinkState WaitingState(RunningLink link, PeerOptions options) =>
        // With a linkname pppd writes its link pid file from the start and removes it when an
        // attempt ends; a live pppd without one is between attempts (holdoff) or redialing.
        link.PidFiles.Count == 0 && (link.LinkName is not null || options.LinkName is not null) && options.Persist
            ? LinkState.Redialing
            : LinkState.Connecting;

    private DateTimeOffset? UpSince(RunningLink link)
    {
        // pppd rewrites its pid files when it detaches (updetach: once the link is up) and when
        // the interface is set up, so the interface pid file's time is close to "up since".
        var pidFile = link.PidFiles.OrderBy(f => Path.GetFileName(f).StartsWith("ppp-", StringComparison.Ordinal) ? 1 : 0)
            .FirstOrDefault(File.Exists);
        if (pidFile is not null) return new DateTimeOffset(File.GetLastWriteTimeUtc(pidFile), TimeSpan.Zero);
        return _processes.Get(link.Pid) is { } process ? _processes.StartTime(process) : null;
    }
}

/// <summary>What a dial saw that the live system does not keep: agreed compression, DNS offered, the log lines.</summary>
public sealed record DialKnowledge(LinkDetails Details, IReadOnlyList<string> Lines);
