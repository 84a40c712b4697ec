namespace PppTui.Core.Dialing;

/// <summary>Why a link action was refused before anything ran.</summary>
public enum LinkRefusal
{
    InvalidName,
    NoSuchPeer,
    NeedsRoot,
    NotRunning,
    /// <summary>The action does not apply here (for example DNS to apply when resolv.conf is a plain file).</summary>
    NotApplicable,
}

/// <summary>A link action that cannot start: what is wrong and what to do about it.</summary>
public sealed class LinkRefusedException : Exception
{
    public LinkRefusedException(LinkRefusal refusal, string message, string fix) : base(message)
    {
        Refusal = refusal;
        Fix = fix;
    }

    public LinkRefusal Refusal { get; }
    public string Fix { get; }
}

/// <summary>Everything a link manager works with; the real system's parts come from <see cref="LinkManager.ForSystem"/>.</summary>
public sealed record LinkServices(
    SystemPaths Paths,
    ICommandRunner Runner,
    IProcessSignals Signals,
    IPeerOptionsReader Options,
    ILinkDiagnoser Diagnoser,
    IPppLogReader Logs,
    PppdCommands Commands,
    Func<bool> IsRoot,
    TimeProvider Time,
    DialTimings Timings)
{
    /// <summary>
    /// Opens the kernel's change notices (rtnetlink) for a live view of the links; null keeps the
    /// views polling <c>ip</c>, as fakes do. The real system's opens <see cref="KernelWatch.TryStart"/>.
    /// </summary>
    public Func<IKernelNotices?> OpenKernelWatch { get; init; } = () => null;

    /// <summary>
    /// Reads the kernel's tables once for a single status read (a dial's, <c>status</c>'s); null
    /// runs <c>ip</c>, as fakes do. The real system's is <see cref="KernelWatch.TryReadAsync"/>.
    /// </summary>
    public Func<CancellationToken, Task<KernelTables?>> ReadKernelTables { get; init; } = _ => Task.FromResult<KernelTables?>(null);

    /// <summary>Where addresses and routes come from, in words for a debug line: rtnetlink, or <c>ip</c> and why.</summary>
    public string KernelSource { get; init; } = "ip (no rtnetlink here)";
}

/// <summary>
/// The one entry point the CLI and the TUI use for links: connect, disconnect, status,
/// explain, and a monitor for live views. Front ends turn its outcomes into text or widgets.
/// </summary>
public sealed class LinkManager
{
    private readonly LinkServices _s;

    public LinkManager(LinkServices services)
    {
        _s = services;
        Discovery = new LinkDiscovery(services.Paths);
        Status = new LinkStatusReader(services.Paths, services.Runner, services.Options, services.Time)
        {
            ReadKernelTables = services.ReadKernelTables,
            ExplainDrop = ExplainDrop,
        };
    }

    /// <summary>The real parts: kill(2), syslog files, pppd from PATH or sbin, the minimal peers reader and exit-status diagnoser.</summary>
    public static LinkServices SystemServices(SystemPaths paths, ICommandRunner runner) => WithKernel(new(
        paths,
        runner,
        new ProcessSignals(),
        new PeerOptionsFileReader(paths),
        new CatalogDiagnoser(),
        new SyslogFileLogReader(paths),
        PppdCommands.ForThisSystem(),
        () => ProcessSignals.IsRoot,
        TimeProvider.System,
        DialTimings.Default));

    /// <summary>
    /// The live system reads interfaces, addresses and routes from rtnetlink: a watch for the live
    /// views, one dump for a single read; where the socket cannot be opened (an old kernel, a
    /// seccomp filter) both return null and <c>ip</c> runs instead. A sandbox's pid files and
    /// interfaces are its own (tests fake them through the runner's <c>ip</c>), so it keeps
    /// <c>ip</c>; so does PPPTUI_RTNETLINK=0, to compare the two.
    /// </summary>
    private static LinkServices WithKernel(LinkServices services)
    {
        if (!services.Paths.IsSystemRoot) return services with { KernelSource = "ip (a root other than /)" };
        if (Environment.GetEnvironmentVariable("PPPTUI_RTNETLINK") == "0") return services with { KernelSource = "ip (PPPTUI_RTNETLINK=0)" };
        return services with
        {
            OpenKernelWatch = KernelWatch.TryStart,
            ReadKernelTables = KernelWatch.TryReadAsync,
            KernelSource = "rtnetlink",
        };
    }

    public static LinkManager ForSystem(SystemPaths paths, ICommandRunner runner) => new(SystemServices(paths, runner));

    public LinkServices Services => _s;
    public LinkDiscovery Discovery { get; }
    public LinkStatusReader Status { get; }

    /// <summary>
    /// Dials <paramref name="name"/> (or attaches to it when it already runs) and waits up to
    /// <paramref name="wait"/> for Up. With a <paramref name="monitor"/>, the dial's events go
    /// through it, so a view subscribed to the monitor sees one story for the link.
    /// </summary>
    public async Task<ConnectOutcome> ConnectAsync(string name, TimeSpan wait, Action<LinkEvent>? onEvent = null,
        CancellationToken cancellationToken = default, LinkMonitor? monitor = null)
    {
        CheckName(name);
        RequireRoot("connect", name);
        if (!File.Exists(_s.Paths.PeerFile(name)) && Discovery.Scan().Find(name).Count == 0)
            throw new LinkRefusedException(LinkRefusal.NoSuchPeer, Msg.F("no peers file {0}", _s.Paths.PeerFile(name)),
                Msg.F("Create the profile first (ppptui new {0} ...), or list the peers with 'ppptui list'.", name));
        // A link that dropped without ppptui leaves its merged DNS block behind: take it out first.
        PeerDnsMerge.UndoGone(_s.Paths);
        var dialer = new LinkDialer(_s.Paths, _s.Runner, _s.Options, _s.Diagnoser, _s.Commands, _s.Time, _s.Timings, _s.Logs,
            _s.ReadKernelTables);
        var daemon = DaemonDialFor(name);
        ConnectOutcome outcome;
        if (monitor is null) outcome = await dialer.ConnectAsync(name, wait, onEvent, cancellationToken, daemon).ConfigureAwait(false);
        else
        {
            using (monitor.Claim(name))
            {
                outcome = await dialer.ConnectAsync(name, wait, e =>
                {
                    monitor.Forward(e);
                    onEvent?.Invoke(e);
                }, cancellationToken, daemon).ConfigureAwait(false);
            }
        }
        return await PeerDnsAfterUpAsync(outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The running links to the PPTP server <paramref name="name"/> dials. pptp keeps one control
    /// connection per server for every call to it: a second profile dialled there (and its
    /// failure, a wrong password) can take the running link down with it, which pppd logs as
    /// "Modem hangup". Empty for a profile that is not PPTP.
    /// </summary>
    public IReadOnlyList<string> SharingPptpServer(string name)
    {
        if (new PeerOptions(_s.Options.Read(name)).PptpServer is not { } server) return [];
        return Discovery.Scan().Links
            .Where(l => l.Profile is { } other && other != name && new PeerOptions(_s.Options.Read(other)).PptpServer == server)
            .Select(l => l.Profile!)
            .Distinct()
            .ToList();
    }

    /// <summary>The warning before dialing a second profile to a PPTP server a running link uses (the CLI's and the TUI's words).</summary>
    public static string SharedServerWarning(string profile, string running) =>
        Msg.F("warning: {0} dials the PPTP server {1} is connected to; pptp shares one control connection per server, so if {0} fails (a wrong password), {1} can drop with it (pppd logs \"Modem hangup\")",
            profile, running);

    /// <summary>
    /// Puts the peer's DNS servers in effect for the up link <paramref name="name"/>: under
    /// systemd-resolved as the link's servers (<c>resolvectl dns IFACE ...</c>, and the routing
    /// domain <c>~.</c> when the link carries the default route), under resolvconf as its
    /// IFACE.pppd record, and in a plain /etc/resolv.conf as a marked block merged in front (backed
    /// up, taken out again on disconnect). Connect calls it when the peer's servers are not in effect.
    /// </summary>
    public async Task<PeerDnsApplied> ApplyPeerDnsAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        RequireRoot("apply DNS for", name);
        var status = (await StatusAsync(name, null, cancellationToken).ConfigureAwait(false)).Links
            .FirstOrDefault(l => l.State == LinkState.Up && l.Interface is not null)
            ?? throw new LinkRefusedException(LinkRefusal.NotRunning, Msg.F("{0} is not up", name), Msg.F("Connect it first: ppptui connect {0}", name));
        return await ApplyPeerDnsAsync(status, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PeerDnsApplied> ApplyPeerDnsAsync(LinkStatus status, CancellationToken cancellationToken)
    {
        var (name, iface, servers) = (status.Name, status.Interface!, status.PeerDns);
        if (servers.Count == 0)
            throw new LinkRefusedException(LinkRefusal.NotApplicable, Msg.F("the peer of {0} offered no DNS servers", name),
                Msg.T("Add 'usepeerdns' to the peers file, or set DNS servers yourself."));
        switch (status.DnsManager)
        {
            case DnsManager.SystemdResolved:
                await RunOrThrowAsync(IpCommands.ApplyLinkDns(iface, servers), cancellationToken).ConfigureAwait(false);
                // A routing domain of "~." sends every lookup to the link's servers: right for the
                // link that carries the default route, wrong for a split tunnel.
                if (status.OwnsDefaultRoute)
                    await RunOrThrowAsync(IpCommands.ApplyLinkDomain(iface, "~."), cancellationToken).ConfigureAwait(false);
                return new PeerDnsApplied(name, iface, DnsManager.SystemdResolved, servers, status.OwnsDefaultRoute
                    ? Msg.F("set on {0} in systemd-resolved, with routing domain ~. (the link carries the default route)", iface)
                    : Msg.F("set on {0} in systemd-resolved, for lookups routed to it", iface));
            case DnsManager.Resolvconf:
                await RunOrThrowAsync(IpCommands.ApplyResolvconfDns(iface, servers), cancellationToken).ConfigureAwait(false);
                return new PeerDnsApplied(name, iface, DnsManager.Resolvconf, servers, Msg.F("registered with resolvconf as {0}.pppd", iface));
            default:
                return PeerDnsMerge.Merge(_s.Paths, name, iface, servers);
        }
    }

    private async Task RunOrThrowAsync(CommandSpec spec, CancellationToken cancellationToken)
    {
        var result = await _s.Runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new PppTuiException(Msg.F("{0} failed (exit {1}): {2}", spec.ToString(), result.ExitCode, result.StandardError.Trim()),
                Msg.T("Check that the DNS manager runs (systemctl status systemd-resolved, or resolvconf -l), then connect again."));
    }

    /// <summary>
    /// After Up: when the peer offered DNS servers that are not in effect (the DNS trap fired),
    /// put them in effect and say so in the status; when that fails, the trap stays with the reason.
    /// </summary>
    private async Task<ConnectOutcome> PeerDnsAfterUpAsync(ConnectOutcome outcome, CancellationToken cancellationToken)
    {
        // A profile whose ip-up.d hook sets the DNS servers is left to it, the one mechanism that
        // also serves a persist redial and a pppd started by hand. pppd runs ip-up just after the
        // interface is up: the status is read again once the hook has left its record.
        if (outcome is { IsUp: true, Status: { Interface: { } up } upStatus } && LinkHookScripts.SetsDns(_s.Paths, upStatus.Name))
        {
            for (var i = 0; i < 50 && PeerDnsMerge.RecordFor(_s.Paths, up) is null; i++)
                await Task.Delay(TimeSpan.FromMilliseconds(100), _s.Time, cancellationToken).ConfigureAwait(false);
            var again = (await StatusAsync(upStatus.Name, null, cancellationToken).ConfigureAwait(false)).Links
                .FirstOrDefault(l => l.Interface == up && l.State == LinkState.Up);
            return again is null ? outcome : outcome with { Status = again };
        }
        if (outcome is not { IsUp: true, Status: { PeerDnsApplied: false, Interface: not null } status }
            || !status.Notices.Any(n => n.Code.StartsWith("peer-dns-", StringComparison.Ordinal)))
            return outcome;
        try
        {
            var applied = await ApplyPeerDnsAsync(status, cancellationToken).ConfigureAwait(false);
            return outcome with
            {
                Status = status with
                {
                    Dns = [.. applied.Servers, .. status.Dns.Except(applied.Servers)],
                    PeerDnsApplied = true,
                    DnsNote = Msg.F("the peer's servers, {0}", applied.How),
                    Notices = status.Notices.Where(n => !n.Code.StartsWith("peer-dns-", StringComparison.Ordinal)).ToList(),
                },
            };
        }
        catch (Exception e) when (e is PppTuiException or LinkRefusedException or IOException or UnauthorizedAccessException)
        {
            return outcome with { Status = status with { DnsNote = Msg.F("the peer's servers could not be put in effect: {0}", e.Message) } };
        }
    }

    /// <summary>
    /// Measures the largest packet that passes the up link <paramref name="name"/> end to end
    /// with DF set (ICMP echo to the peer's address), and compares it with the link's MTU.
    /// <paramref name="pinger"/> replaces ping (tests); by default ping runs through the process runner.
    /// </summary>
    public async Task<PathMtuResult> ProbeAsync(string name, IPathPinger? pinger = null, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        // No root check: ping sends echoes as any user, and the probe changes nothing.
        var status = (await StatusAsync(name, null, cancellationToken).ConfigureAwait(false)).Links
            .FirstOrDefault(l => l.State == LinkState.Up && l.Interface is not null);
        if (status is not { Interface: { } iface, PeerAddress: { } peer, Mtu: { } mtu })
            throw new LinkRefusedException(LinkRefusal.NotRunning, Msg.F("{0} is not up: the probe measures an up link", name),
                Msg.F("Connect it first: ppptui connect {0}", name));
        var (largest, tries) = await PathMtuSearch.FindAsync(pinger ?? new PingPathPinger(_s.Runner, iface, peer), mtu, cancellationToken)
            .ConfigureAwait(false);
        return new PathMtuResult
        {
            Name = name,
            Interface = iface,
            Target = peer,
            LinkMtu = mtu,
            LargestPassing = largest,
            Tries = tries,
            MtuOverhead = status.ConfiguredMtu is { } configured && configured > mtu ? configured - mtu : 0,
        };
    }

    public async Task<DisconnectOutcome> DisconnectAsync(string name, bool force, TimeSpan? wait = null,
        Action<LinkEvent>? onEvent = null, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        RequireRoot("disconnect", name);
        var interfaces = Discovery.Scan().Find(name).Select(l => l.Interface).OfType<string>().ToList();
        var disconnector = new LinkDisconnector(_s.Paths, _s.Signals, _s.Time);
        var daemon = DaemonDialFor(name);
        // The daemon hangs up its call first (and ends the pppd it started); pppd itself is then
        // stopped as every link is, should it still run.
        var told = daemon is not null && daemon.Tell(_s.Paths, daemon.StopLine) is null;
        var outcome = await disconnector.DisconnectAsync(name, force, wait, onEvent, cancellationToken).ConfigureAwait(false);
        var undone = new List<string>();
        foreach (var spec in daemon?.Down ?? [])
            if ((await _s.Runner.RunAsync(spec, cancellationToken).ConfigureAwait(false)).Succeeded) undone.Add(spec.ToString());
        if (outcome is null && (told || undone.Count > 0))
            outcome = new DisconnectOutcome(name, [], true, false,
                $"{name} is down: {(told ? $"{daemon!.Daemon} was told '{daemon.StopLine}'" : "")}{(told && undone.Count > 0 ? "; " : "")}{string.Join("; ", undone)}", []);
        // The link stopped as every link does; what else was undone (IPsec down) is said with it.
        else if (outcome is not null && undone.Count > 0)
            outcome = outcome with { Message = $"{outcome.Message}; {string.Join("; ", undone)}" };
        outcome = outcome
               ?? throw new LinkRefusedException(LinkRefusal.NotRunning, Msg.F("{0} is not running (no pppd for it, no pid file)", name),
                   Msg.T("Nothing to stop. 'ppptui status' lists the running links."));
        // The DNS servers merged for the link go with it (resolved and resolvconf forget a link whose interface is gone).
        if (outcome.Stopped)
            foreach (var iface in interfaces) PeerDnsMerge.Undo(_s.Paths, iface);
        return outcome;
    }

    /// <summary>Status of every link, or of one (a Down status with the reason when it is not running).</summary>
    public async Task<StatusSample> StatusAsync(string? name = null, IReadOnlyDictionary<string, InterfaceCounters>? previous = null,
        CancellationToken cancellationToken = default)
    {
        if (name is not null) CheckName(name);
        var snapshot = Scan(name);
        var sample = await Status.ReadAllAsync(snapshot, previous, cancellationToken).ConfigureAwait(false);
        if (name is null || sample.Links.Count > 0) return sample;
        if (!File.Exists(_s.Paths.PeerFile(name)))
            throw new LinkRefusedException(LinkRefusal.NoSuchPeer, Msg.F("no link or peers file named {0}", name),
                Msg.T("'ppptui status' lists the running links; 'ppptui list' the profiles."));
        var last = new DialAttemptStore(_s.Paths).Load(name);
        // The same diagnosis explain gives: the dial's own lines, then what pppd logged after it
        // detached (a link that came up and was dropped by the server says so here).
        var diagnosis = last is null ? null : Explain(name)?.Diagnosis;
        var reason = last switch
        {
            { Outcome: LinkState.Down, Reason: { } why } => $"not running; the last dial failed: {why}",
            { Outcome: LinkState.Up } when diagnosis is { Severity: DiagnosisSeverity.Failure } => $"not running; the link went down: {diagnosis.Cause}",
            _ => "not running",
        };
        if (last is { Outcome: not LinkState.Down } && diagnosis is { Severity: not DiagnosisSeverity.Failure }) diagnosis = null;
        return sample with { Links = [new LinkStatus { Name = name, State = LinkState.Down, Reason = reason, Diagnosis = diagnosis }] };
    }

    /// <summary>A running pppd without its interface: dialing, or dialing again after a drop (persist).</summary>
    /// <summary>
    /// The cheap <see cref="LinkChangeStamp"/> of every link (or only <paramref name="name"/>):
    /// poll it often, and read the full status when it changes.
    /// </summary>
    public string ChangeStamp(string? name = null) => LinkChangeStamp.Of(_s.Paths, Scan(name), _s.Time.GetUtcNow());

    private DiscoverySnapshot Scan(string? name)
    {
        var snapshot = Discovery.Scan();
        return name is null ? snapshot : new DiscoverySnapshot(snapshot.Find(name), snapshot.FindStale(name));
    }

    public LinkExplanation? Explain(string name)
    {
        CheckName(name);
        return new LinkExplainer(_s.Paths, _s.Options, _s.Diagnoser, _s.Logs).Explain(name);
    }

    public LinkMonitor CreateMonitor() => new(_s.Paths, _s.Runner, _s.Options, _s.Diagnoser, _s.Time, ExplainDrop) { ReadKernelTables = _s.ReadKernelTables };

    // How the status reader learns why a redialing link went down: the diagnosis explain gives.
    private Diagnosis? ExplainDrop(string name) => Explain(name)?.Diagnosis;

    /// <summary>How the kind of peer <paramref name="name"/> dials through a daemon (xl2tpd), or null for <c>pppd call NAME</c>.</summary>
    private DaemonDial? DaemonDialFor(string name)
    {
        string? text;
        try { text = TextFile.ReadOrNull(_s.Paths.PeerFile(name)); }
        catch (PppTuiException) { return null; }
        if (text is null) return null;
        var context = new Kinds.KindContext(_s.Paths, null);
        return Kinds.KindRegistry.Detect(name, PppConfig.OptionFile.Parse(text), context).DaemonDial(name, context);
    }

    private static void CheckName(string name)
    {
        if (LinkNames.Problem(name) is { } problem)
            throw new LinkRefusedException(LinkRefusal.InvalidName, problem, Msg.T("Use the name of a file in /etc/ppp/peers."));
    }

    private void RequireRoot(string action, string name)
    {
        // pppd opens /dev/ppp, sets routes and reads the secrets: only root can. Under a sandbox
        // root nothing on the system is touched, so the check would only get in the way.
        if (_s.Paths.IsSystemRoot && !_s.IsRoot())
            throw new LinkRefusedException(LinkRefusal.NeedsRoot,
                Msg.F("{0} needs root: pppd must run as root to open /dev/ppp, set routes and read the secrets files", action),
                Msg.F("Run it as root: sudo ppptui {0} {1}", action, name));
    }
}
