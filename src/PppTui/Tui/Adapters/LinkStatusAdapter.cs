namespace PppTui.Tui.Adapters;

/// <summary>
/// The screen's view of the links over Core's <see cref="LinkWatch"/> (the same model
/// <c>status --watch</c> prints): it turns the watch's links into rows and badges, and the
/// outcomes of Connect and Disconnect and the drops into the words of the message line and the
/// error place. Everything here may be read from any thread; <see cref="Changed"/> is raised on
/// the polling or dialing thread and views marshal it.
/// </summary>
public sealed class LinkStatusAdapter : ILinkStatusModel, IDisposable
{
    private readonly ErrorLog? _errors;
    private readonly LinkManager _manager;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public LinkStatusAdapter(LinkManager manager, ErrorLog? errors = null)
    {
        _errors = errors;
        _manager = manager;
        Watch = new LinkWatch(manager);
        Watch.Dropped += ReportDrop;
        Watch.PollFailed += e => ReportOnce(ErrorLog.Describe(e, Msg.T("Read the link status")));
    }

    /// <summary>The core model behind the rows.</summary>
    public LinkWatch Watch { get; }

    /// <inheritdoc cref="LinkWatch.KnownProfile"/>
    public Func<string, bool>? KnownProfile
    {
        get => Watch.KnownProfile;
        set => Watch.KnownProfile = value;
    }

    /// <summary>How long Connect waits for the link to come up before it reports that pppd is still trying.</summary>
    public TimeSpan ConnectWait { get; init; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<LinkRow> Links => Watch.Views.Select(RowOf).ToList();

    public bool Polled => Watch.Polled;

    public IReadOnlyList<InterfaceAddresses> Interfaces => Watch.Network?.Interfaces ?? [];

    /// <summary>The core status of every link as of the last poll (routes, DNS, traps).</summary>
    public IReadOnlyList<LinkStatus> Current => Watch.Current;

    /// <summary>The route table and DNS as last read, or null before the first read.</summary>
    public NetworkView? Network => Watch.Network;

    public event EventHandler? Changed
    {
        add => Watch.Changed += value;
        remove => Watch.Changed -= value;
    }

    /// <summary>Every event a link reported (dial progress, pppd's lines, drops), on the thread that saw it.</summary>
    public event Action<LinkEvent>? LinkEvent
    {
        add => Watch.LinkEvent += value;
        remove => Watch.LinkEvent -= value;
    }

    /// <summary>A link's set of pppd pids grew (the log's per-link view re-checks its lines).</summary>
    public event EventHandler? PidsChanged
    {
        add => Watch.PidsChanged += value;
        remove => Watch.PidsChanged -= value;
    }

    /// <summary>The badge state of a profile's link: Unknown until the first look at the system.</summary>
    public LinkPhase StateOf(string name) =>
        Watch.Find(name) is { } view ? view.Phase : Watch.Polled ? LinkPhase.Down : LinkPhase.Unknown;

    /// <summary>Whether a process is (or was) one of the link's pppd processes.</summary>
    public bool PidBelongsTo(string name, int pid) => Watch.PidBelongsTo(name, pid);

    /// <summary>Starts the polling loop in the background.</summary>
    public void Start() => Watch.Start();

    public void Dispose() => Watch.Dispose();

    /// <summary>One look at the links (and, when due, the routes).</summary>
    public Task PollAsync(CancellationToken cancellationToken = default) => Watch.PollAsync(cancellationToken);

    public IReadOnlyList<string> SharingPptpServer(string profileName) => Watch.Manager.SharingPptpServer(profileName);

    public async Task<ActionResult> ConnectAsync(string profileName, CancellationToken cancellationToken)
    {
        var what = Msg.F("Connect {0}", profileName);
        try
        {
            var outcome = await Watch.ConnectAsync(profileName, ConnectWait, cancellationToken).ConfigureAwait(false);
            if (outcome.IsUp)
            {
                var s = outcome.Status;
                var where = s?.Interface is { } iface ? Msg.F(" on {0}", iface) : "";
                var address = s?.LocalAddress is { } local ? $", {local}" + (s.PeerAddress is { } peer ? $" → {peer}" : "") : "";
                var mtu = s?.Mtu is { } m ? $", mtu {m}" : "";
                return ActionResult.Ok((outcome.AlreadyRunning ? Msg.F("{0} is already up", profileName) : Msg.F("{0} is up", profileName)) + where + address + mtu);
            }
            if (outcome.TimedOut)
                return ActionResult.Fail(new UserError(what,
                    Msg.F("{0} did not come up within {1} s ({2})", profileName, ConnectWait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), outcome.State.Describe()) +
                    (outcome.Diagnosis is { } why ? ": " + why.Cause : ""),
                    outcome.Diagnosis?.Fix ?? Msg.T("pppd keeps trying on its own: watch the log pane, or Disconnect (F8) to stop it."),
                    Evidence(outcome.Diagnosis, outcome.ExitStatus)));
            var diagnosis = outcome.Diagnosis;
            return ActionResult.Fail(new UserError(what, diagnosis?.Cause ?? outcome.Reason,
                diagnosis?.Fix ?? Msg.F("Read pppd's lines in the log pane (Alt+6); 'ppptui explain {0}' tells the last attempt.", profileName),
                Evidence(diagnosis, outcome.ExitStatus)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
    }

    public async Task<ActionResult> DisconnectAsync(string profileName, CancellationToken cancellationToken)
    {
        var what = Msg.F("Disconnect {0}", profileName);
        try
        {
            var outcome = await Watch.DisconnectAsync(profileName, cancellationToken).ConfigureAwait(false);
            if (outcome.Stopped) return ActionResult.Ok(outcome.Message);
            return ActionResult.Fail(new UserError(what, outcome.Message,
                Msg.F("Give it a moment and look again; to end it for good: ppptui disconnect {0} --force (SIGKILL).", profileName)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
    }

    public Task<PathMtuResult> ProbeAsync(string profileName, CancellationToken cancellationToken) =>
        _manager.ProbeAsync(profileName, cancellationToken: cancellationToken);

    public Task<ActionResult> WriteMtuAsync(string profileName, int mtu, CancellationToken cancellationToken)
    {
        try
        {
            PathMtuProfile.Write(new ProfileService(_manager.Services.Paths), profileName, mtu);
            return Task.FromResult(ActionResult.Ok(Msg.F("wrote mtu {0} and mru {0} into {1}: reconnect the link for it to take effect", mtu, profileName)));
        }
        catch (Exception e)
        {
            return Task.FromResult(ActionResult.Fail(ErrorLog.Describe(e, Msg.F("Write mtu {0} into {1}", mtu, profileName))));
        }
    }

    private void ReportDrop(LinkDown down) =>
        _errors?.Report(new UserError(Msg.F("{0} went down", down.Link), down.Diagnosis?.Cause ?? down.Reason,
            down.Diagnosis?.Fix ?? Msg.T("Read pppd's lines in the log pane (Alt+6), then Connect (F5) again."),
            Evidence(down.Diagnosis, down.ExitStatus)));

    private static LinkRow RowOf(LinkView view)
    {
        var s = view.Status;
        return new LinkRow(view.Name, s.Interface, view.Phase,
            s.LocalAddress is { } local ? [local] : [], s.PeerAddress, s.Mtu,
            s.RxBytes ?? 0, s.TxBytes ?? 0, s.RxRate ?? 0, s.TxRate ?? 0,
            s.UptimeSeconds is { } up ? TimeSpan.FromSeconds(up) : null, view.Detail)
        {
            Facts = FactsOf(s),
        };
    }

    /// <summary>What the IP pane says under an up link: DNS in effect and why, IPv6, keepalives.</summary>
    public static IReadOnlyList<string> FactsOf(LinkStatus s)
    {
        if (s.State != LinkState.Up) return [];
        var facts = new List<string>();
        if (s.Dns.Count > 0 || s.DnsNote is not null)
            facts.Add(Msg.F("dns {0}", s.Dns.Count == 0 ? "-" : string.Join(' ', s.Dns)) + (s.DnsNote is { } why ? " (" + why + ")" : ""));
        if (s.Ipv6 is { } v6)
        {
            facts.Add("IPv6 " + v6.Summary);
            if (v6.Addresses.Count > 0) facts.Add("IPv6 " + string.Join(' ', v6.Addresses));
            facts.AddRange(v6.Routes.Select(r => "IPv6 " + Msg.F("route {0}", r)));
        }
        if (s.Keepalive is { } keepalive) facts.Add(keepalive);
        if (s.KeepaliveRoundTrip is { } rtt) facts.Add(rtt.Describe());
        return facts;
    }

    private static string? Evidence(Diagnosis? diagnosis, int? exitStatus)
    {
        var parts = new List<string>();
        if (diagnosis?.Evidence is { } evidence) parts.Add("evidence: " + evidence);
        if (exitStatus is { } status) parts.Add(Msg.F("pppd exit status {0}", status));
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private void ReportOnce(UserError error)
    {
        lock (_reported)
        {
            if (!_reported.Add(error.Cause)) return;
        }
        _errors?.Report(error);
    }
}
