namespace PppTui.Core.Dialing;

/// <summary>How a link reads to the user: the system's state, refined by what was asked for here.</summary>
public enum LinkPhase
{
    /// <summary>No pppd runs for it.</summary>
    Down,
    /// <summary>pppd runs (or is being started) and the link is not up yet.</summary>
    Connecting,
    /// <summary>The interface is up with an address.</summary>
    Up,
    /// <summary>A stop was asked for (or the link is going down) and pppd has not exited yet.</summary>
    Disconnecting,
    /// <summary>The last attempt failed; the detail says why.</summary>
    Failed,
    /// <summary>Nothing is known yet: the system has not been looked at (or there is no link source).</summary>
    Unknown,
}

/// <summary>One link as the front ends show it.</summary>
/// <param name="Name">The profile (peers name) the link belongs to.</param>
/// <param name="Phase">The state to show.</param>
/// <param name="Detail">A short line: the diagnosis of a failure, what a connecting link waits for, or the MTU note of an up link.</param>
/// <param name="Status">The system's facts, with <see cref="LinkStatus.State"/> and <see cref="LinkStatus.Reason"/> as shown.</param>
public sealed record LinkView(string Name, LinkPhase Phase, string? Detail, LinkStatus Status);

/// <summary>
/// The one live model of the links, for every front end (the TUI's panes and <c>status --watch</c>):
/// a loop looks at a <see cref="LinkMonitor"/> (pid files, /proc, /sys/class/net, counters and rates).
/// On the live system it is woken by events: the kernel's rtnetlink notices (interfaces, addresses,
/// routes, kept in a <see cref="KernelWatch"/> so no <c>ip</c> runs) and inotify on the pid-file
/// folder; it looks every <see cref="Interval"/> only while a link is up or on its way (counters,
/// rates, uptime), so with nothing happening it does no work. Without those notices (a sandbox
/// root, fakes) it polls every <see cref="Interval"/> and reads the route table every
/// <see cref="NetworkInterval"/>. The monitor's events (and those of a dial or a hang-up started through <see cref="ConnectAsync"/>
/// and <see cref="DisconnectAsync"/>) refine the state between polls, so a link being dialed or
/// stopped here shows as such before the system does. It also learns each link's pppd pids, so
/// log lines can be told apart per link. Everything may be read from any thread; events are
/// raised on the polling or dialing thread and views marshal them.
/// </summary>
public sealed class LinkWatch : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _polling = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly Dictionary<string, Overlay> _overlay = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dialing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopping = new(StringComparer.Ordinal);
    // The interface each running link was last seen on: while pppd rewrites its pid files (as it
    // detaches) a status read may not name it, and the kernel's notices still refer to it.
    private readonly Dictionary<string, string> _interfaces = new(StringComparer.Ordinal);
    private CancellationTokenSource? _loop;
    private IReadOnlyList<LinkStatus> _current = [];
    private IReadOnlyList<LinkView> _views = [];
    private NetworkView? _network;
    private DateTimeOffset _networkRead = DateTimeOffset.MinValue;
    private string _fingerprint = "";
    private bool _polled;
    private IKernelNotices? _kernel;
    private FileSystemWatcher? _pidFiles;

    public LinkWatch(LinkManager manager)
    {
        Manager = manager;
        Monitor = manager.CreateMonitor();
        Monitor.Changed += OnLinkEvent;
    }

    public LinkManager Manager { get; }
    public LinkMonitor Monitor { get; }

    /// <summary>The pid-to-link map of every pppd seen for a link (the log's per-link view reads it).</summary>
    public LinkTracker Pids { get; } = new();

    /// <summary>How often the links are looked at while one is up or on its way, or always without the kernel's notices (their counters, so the rates, move at this pace).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the route table is read without the kernel's notices (it runs <c>ip route</c>).</summary>
    public TimeSpan NetworkInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether a name is one of the user's profiles. A link that is not running (failed, or pid
    /// files a dead pppd left) is shown only for a profile or a dial started here: other names
    /// (an interface, "pppd-PID") are whatever a pppd happened to be called and mean nothing once
    /// it is gone. Running links are always shown, whoever started them. Null shows every one.
    /// </summary>
    public Func<string, bool>? KnownProfile { get; set; }

    /// <summary>Every link to show, sorted by name, as of the last poll and the events since.</summary>
    public IReadOnlyList<LinkView> Views
    {
        get { lock (_gate) return _views; }
    }

    /// <summary>False until the system has been looked at once.</summary>
    public bool Polled
    {
        get { lock (_gate) return _polled; }
    }

    /// <summary>The system's status of every link as of the last poll (routes, DNS, traps), without the refinements.</summary>
    public IReadOnlyList<LinkStatus> Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>The route table and DNS as last read, or null before the first read.</summary>
    public NetworkView? Network
    {
        get { lock (_gate) return _network; }
    }

    /// <summary>Raised when anything shown changed (and after the first poll, even when it found nothing).</summary>
    public event EventHandler? Changed;

    /// <summary>Every event a link reported (dial progress, pppd's lines, drops), on the thread that saw it.</summary>
    public event Action<LinkEvent>? LinkEvent;

    /// <summary>A link's set of pppd pids grew (the log's per-link view re-checks its lines).</summary>
    public event EventHandler? PidsChanged;

    /// <summary>A link that was shown up went down by itself: not stopped here, not a dial of this process, not a clean stop elsewhere.</summary>
    public event Action<LinkDown>? Dropped;

    /// <summary>A poll failed (the next one tries again).</summary>
    public event Action<Exception>? PollFailed;

    /// <summary>The link as shown, or null when it is not shown.</summary>
    public LinkView? Find(string name)
    {
        lock (_gate) return _views.FirstOrDefault(v => v.Name == name);
    }

    /// <summary>Whether a process is (or was) one of the link's pppd processes.</summary>
    public bool PidBelongsTo(string name, int pid) => Pids.LinkOf(pid) == name;

    /// <summary>Whether the loop is woken by the kernel's notices rather than polling (see the class summary).</summary>
    public bool EventDriven => _kernel is not null;

    /// <summary>Where the links' addresses and routes come from, for a debug line: rtnetlink, or <c>ip</c> and why.</summary>
    public string Source => _kernel is not null ? "rtnetlink" :
        Manager.Services.KernelSource == "rtnetlink" ? "ip (the rtnetlink socket could not be opened, or it failed)" : Manager.Services.KernelSource;

    /// <summary>Starts the loop in the background: event-driven where the kernel's notices can be opened, else polling.</summary>
    public void Start()
    {
        if (_loop is not null) return;
        _loop = new CancellationTokenSource();
        var token = _loop.Token;
        StartEvents();
        // Our log says when the links are read with `ip` because rtnetlink was refused on this box;
        // the usual case (and a --root sandbox, which reads ip by design) writes nothing, so a
        // screen opened only to look leaves no log file behind.
        if (_kernel is null && Manager.Services.KernelSource == "rtnetlink")
            Serilog.Log.Logger.Information("Links: addresses and routes from {Source}", Source);
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                await PollAsync(token).ConfigureAwait(false);
                try
                {
                    await _wake.WaitAsync(Busy() || !EventDriven ? Interval : Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
    }

    public void Dispose()
    {
        _loop?.Cancel();
        _loop?.Dispose();
        _loop = null;
        _pidFiles?.Dispose();
        _pidFiles = null;
        _kernel?.Dispose();
        _kernel = null;
    }

    /// <summary>Asks the loop to look now instead of at its next tick; a burst of asks makes one look.</summary>
    public void RequestPoll()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    private void StartEvents()
    {
        var kernel = Manager.Services.OpenKernelWatch();
        if (kernel is null) return;
        _kernel = kernel;
        Monitor.Kernel = kernel;
        Manager.Status.Kernel = kernel;
        kernel.Changed += OnKernelChanged;
        // Without the notices the loop must poll again, or it would never look.
        kernel.Failed += e =>
        {
            _kernel = null;
            Serilog.Log.Logger.Warning("Links: the rtnetlink socket failed ({Error}); reading them with ip from now on", e.Message);
            PollFailed?.Invoke(e);
            RequestPoll();
        };
        var run = Manager.Services.Paths.RunDir;
        try
        {
            // pppd writes and removes its pid files here as a link starts, comes up and ends.
            _pidFiles = new FileSystemWatcher(run, "*.pid") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
            _pidFiles.Created += (_, _) => RequestPoll();
            _pidFiles.Deleted += (_, _) => RequestPoll();
            _pidFiles.Changed += (_, _) => RequestPoll();
            _pidFiles.Renamed += (_, _) => RequestPoll();
            _pidFiles.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // No pid-file folder to watch (yet): pppd's interface still shows through the kernel's notices.
            _pidFiles?.Dispose();
            _pidFiles = null;
        }
    }

    // A link up or on its way changes by itself (counters, rates, uptime, dial progress): look every Interval.
    private bool Busy()
    {
        lock (_gate)
            return _dialing.Count > 0 || _stopping.Count > 0 ||
                   _views.Any(v => v.Phase is LinkPhase.Up or LinkPhase.Connecting or LinkPhase.Disconnecting);
    }

    /// <summary>One look at the links (and, when due, the routes); raises <see cref="Changed"/> when anything shown changed.</summary>
    public async Task PollAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Monitor.PollAsync(cancellationToken).ConfigureAwait(false);
            NetworkView? network = null;
            var now = Manager.Services.Time.GetUtcNow();
            // From the kernel's tables the routes cost nothing to read: every look has them fresh.
            if (now - _networkRead >= NetworkInterval || _kernel is { Ready: true })
            {
                network = await Manager.Status.ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
                // The box's own interfaces ride on the route poll: the IP pane shows them when no ppp link is up.
                network = network with { Interfaces = await Manager.Status.ReadInterfacesAsync(cancellationToken).ConfigureAwait(false) };
                _networkRead = now;
            }
            bool pidsGrew = false;
            lock (_gate)
            {
                _current = Monitor.Current;
                foreach (var status in _current)
                    if (status.Interface is { } iface && status.State != LinkState.Down) _interfaces[status.Name] = iface;
                foreach (var gone in _interfaces.Keys.Where(n => !_current.Any(s => s.Name == n && s.State != LinkState.Down)).ToList())
                    _interfaces.Remove(gone);
                if (network is not null) _network = network;
                _polled = true;
                // A hang-up is over once the system shows the link gone; a later drop is news again.
                _stopping.RemoveWhere(name => !_current.Any(s => s.Name == name));
                foreach (var status in _current)
                {
                    if (status.Pid is { } pid) pidsGrew |= AddPid(status.Name, pid);
                    // Seen up (or gone) by the system: a state from an old event no longer applies.
                    if (_overlay.TryGetValue(status.Name, out var o) &&
                        (status.State == LinkState.Up && o.Phase != LinkPhase.Disconnecting ||
                         o.Phase == LinkPhase.Failed && status.State != LinkState.Down))
                        _overlay.Remove(status.Name);
                }
            }
            if (pidsGrew) PidsChanged?.Invoke(this, EventArgs.Empty);
            Publish();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            PollFailed?.Invoke(e);
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <summary>
    /// Dials through the manager, showing the link as connecting from the start; afterwards it
    /// shows up, still connecting (timed out) or failed with the reason. A refusal is thrown as by
    /// <see cref="LinkManager.ConnectAsync"/>.
    /// </summary>
    public async Task<ConnectOutcome> ConnectAsync(string name, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _dialing.Add(name);
            _stopping.Remove(name);
            _overlay[name] = new Overlay(LinkPhase.Connecting, LinkState.Starting, "starting pppd");
        }
        Publish();
        try
        {
            var outcome = await Manager.ConnectAsync(name, wait, null, cancellationToken, Monitor).ConfigureAwait(false);
            await PollAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.IsUp) SetOverlay(name, null);
            else if (outcome.TimedOut) SetOverlay(name, new Overlay(LinkPhase.Connecting, outcome.State, outcome.State.Describe()));
            else SetOverlay(name, Failed(outcome.Diagnosis?.Cause ?? outcome.Reason));
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SetOverlay(name, null);
            throw;
        }
        finally
        {
            lock (_gate) _dialing.Remove(name);
            Publish();
        }
    }

    /// <summary>
    /// Stops the link through the manager (SIGTERM), showing it as disconnecting until the system
    /// shows it gone; a stop the link survives stays disconnecting with the manager's message.
    /// </summary>
    public async Task<DisconnectOutcome> DisconnectAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _stopping.Add(name);
            _overlay[name] = new Overlay(LinkPhase.Disconnecting, LinkState.Disconnecting, "stopping pppd (SIGTERM)");
        }
        Publish();
        try
        {
            var outcome = await Manager.DisconnectAsync(name, force: false, null, OnLinkEvent, cancellationToken).ConfigureAwait(false);
            await PollAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.Stopped)
            {
                SetOverlay(name, null);
                return outcome;
            }
            SetOverlay(name, new Overlay(LinkPhase.Disconnecting, LinkState.Disconnecting, outcome.Message));
            lock (_gate) _stopping.Remove(name);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SetOverlay(name, null);
            lock (_gate) _stopping.Remove(name);
            throw;
        }
        finally
        {
            Publish();
        }
    }

    private void OnLinkEvent(LinkEvent e)
    {
        LinkDown? dropped = null;
        bool pidsGrew = false;
        lock (_gate)
        {
            switch (e)
            {
                case LinkStateChanged { New: LinkState.Down }:
                    break; // the LinkDown that follows says why
                case LinkStateChanged c:
                    var phase = PhaseOf(c.New);
                    if (phase == LinkPhase.Up) _overlay[c.Link] = new Overlay(LinkPhase.Up, LinkState.Up, null);
                    else if (!(_overlay.TryGetValue(c.Link, out var o) && o.Phase == LinkPhase.Disconnecting && phase == LinkPhase.Connecting))
                        _overlay[c.Link] = new Overlay(phase, c.New, string.IsNullOrEmpty(c.Reason) ? c.New.Describe() : $"{c.New.Describe()}: {c.Reason}");
                    pidsGrew = LearnPids(c.Link);
                    break;
                case LinkUp up:
                    _overlay[up.Link] = new Overlay(LinkPhase.Up, LinkState.Up, null);
                    if (up.Details.Pid is { } pid) pidsGrew = AddPid(up.Link, pid);
                    break;
                case LinkDown down:
                    bool wasShownUp = _views.Any(v => v.Name == down.Link && v.Phase == LinkPhase.Up);
                    // Asked for here (the hang-up and the monitor both tell it), or a clean SIGTERM from elsewhere (poff).
                    if (_stopping.Contains(down.Link) || down.Diagnosis is null && down.ExitStatus is 0 or 5)
                    {
                        _overlay.Remove(down.Link);
                        break;
                    }
                    _overlay[down.Link] = Failed(down.Diagnosis?.Cause ?? down.Reason);
                    // A dial started here reports its own failure; a link that dropped while up is news.
                    if (!_dialing.Contains(down.Link) && wasShownUp) dropped = down;
                    break;
            }
        }
        if (pidsGrew) PidsChanged?.Invoke(this, EventArgs.Empty);
        if (dropped is not null) Dropped?.Invoke(dropped);
        LinkEvent?.Invoke(e);
        if (e is LinkStateChanged or LinkUp or LinkDown)
        {
            Publish();
            RequestPoll();
        }
    }

    // While pppd dials it is visible in /proc as `pppd call NAME`: remember its pid before it forks
    // away, so its early log lines can be told apart later.
    private bool LearnPids(string name)
    {
        bool grew = false;
        try
        {
            foreach (var link in Manager.Discovery.Scan().Find(name)) grew |= AddPid(name, link.Pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return grew;
    }

    private bool AddPid(string name, int pid)
    {
        if (Pids.LinkOf(pid) == name) return false;
        Pids.AddPid(pid, name);
        return true;
    }

    private void SetOverlay(string name, Overlay? overlay)
    {
        lock (_gate)
        {
            if (overlay is null) _overlay.Remove(name);
            else _overlay[name] = overlay;
        }
    }

    /// <summary>Rebuilds the views from the last poll and the events since; raises Changed when what is shown differs.</summary>
    private void Publish()
    {
        bool changed;
        lock (_gate)
        {
            var views = new List<LinkView>();
            foreach (var polled in _current)
            {
                var status = WithKernel(polled);
                var view = ViewOf(status);
                if (_overlay.TryGetValue(status.Name, out var o) && (status.State != LinkState.Up || o.Phase == LinkPhase.Disconnecting))
                    view = new LinkView(status.Name, o.Phase, o.Detail ?? view.Detail,
                        status with { State = o.State, Reason = o.Detail ?? status.Reason });
                if (Shown(view)) views.Add(view);
            }
            foreach (var (name, o) in _overlay)
            {
                if (views.Any(v => v.Name == name) || _current.Any(s => s.Name == name)) continue;
                var view = new LinkView(name, o.Phase, o.Detail, new LinkStatus { Name = name, State = o.State, Reason = o.Detail });
                if (Shown(view)) views.Add(view);
            }
            views.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            // The first look is news even when it found nothing: the views stop saying they are looking.
            var fingerprint = (_polled ? "polled\n" : "") + Fingerprint(views, _network);
            changed = fingerprint != _fingerprint;
            _fingerprint = fingerprint;
            _views = views;
        }
        if (changed) Changed?.Invoke(this, EventArgs.Empty);
    }

    // The kernel told of a change: show what its tables already say about the links (a link whose
    // interface got its address and came up is up; one whose interface lost them is going down)
    // at once, and look at everything else (pid files, routes, DNS) right after.
    private void OnKernelChanged()
    {
        Publish();
        RequestPoll();
    }

    /// <summary>
    /// The last poll's status of a link, corrected by the kernel's tables where they are newer: up
    /// once its interface is up with an IPv4 address (what a status read calls up), disconnecting
    /// once an up link's interface lost its address, went down or went away.
    /// </summary>
    private LinkStatus WithKernel(LinkStatus status)
    {
        if (_kernel is not { Ready: true } kernel || status.State is LinkState.Down or LinkState.Disconnecting) return status;
        if ((status.Interface ?? _interfaces.GetValueOrDefault(status.Name)) is not { } iface) return status;
        var now = kernel.Tables.Interface(iface);
        var address = now?.FirstIPv4;
        bool up = now is not null && now.Flags.Contains("UP") && address is not null;
        if (up && status.State != LinkState.Up)
            return status with
            {
                State = LinkState.Up, Interface = iface, LocalAddress = address!.Local, PeerAddress = address.Peer,
                Mtu = now!.Mtu ?? status.Mtu, Reason = null,
            };
        if (!up && status.State == LinkState.Up)
            return status with { State = LinkState.Disconnecting, Reason = $"disconnecting: {iface} lost its address or went down" };
        return status;
    }

    private bool Shown(LinkView view) =>
        view.Phase is not (LinkPhase.Failed or LinkPhase.Down) || _dialing.Contains(view.Name) || KnownProfile?.Invoke(view.Name) != false;

    private static LinkView ViewOf(LinkStatus s)
    {
        var phase = s.State == LinkState.Down ? (s.Diagnosis is not null ? LinkPhase.Failed : LinkPhase.Down) : PhaseOf(s.State);
        var detail = phase switch
        {
            LinkPhase.Up => s.MtuNote is { } note ? "mtu " + note : null,
            LinkPhase.Failed => s.Diagnosis?.Cause ?? s.Reason,
            _ => s.Reason,
        };
        return new LinkView(s.Name, phase, detail, s);
    }

    /// <summary>The phase a state of the link's state machine reads as.</summary>
    public static LinkPhase PhaseOf(LinkState state) => state switch
    {
        LinkState.Up => LinkPhase.Up,
        LinkState.Down => LinkPhase.Down,
        LinkState.Disconnecting => LinkPhase.Disconnecting,
        _ => LinkPhase.Connecting,
    };

    private static Overlay Failed(string reason) => new(LinkPhase.Failed, LinkState.Down, reason);

    private static string Fingerprint(IReadOnlyList<LinkView> views, NetworkView? network)
    {
        var sb = new StringBuilder();
        foreach (var v in views)
        {
            var s = v.Status;
            sb.Append(v.Name).Append('|').Append(s.Interface).Append('|').Append(v.Phase).Append('|')
              .Append(s.LocalAddress).Append('|').Append(s.PeerAddress).Append('|').Append(s.Mtu).Append('|')
              .Append(s.RxBytes).Append('|').Append(s.TxBytes).Append('|').Append(s.RxRate).Append('|').Append(s.TxRate).Append('|')
              .Append(s.UptimeSeconds).Append('|').Append(v.Detail).Append('\n');
        }
        if (network is not null)
        {
            sb.Append(network.RoutesKnown).Append('\n');
            foreach (var route in network.Routes) sb.Append(route).Append('\n');
            foreach (var iface in network.Interfaces)
                sb.Append(iface.Name).Append('|').Append(iface.State).Append('|')
                  .AppendJoin(',', iface.Addresses.Select(a => a.Local + "/" + a.PrefixLength)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>What events and actions here know that the last poll may not show yet.</summary>
    private sealed record Overlay(LinkPhase Phase, LinkState State, string? Detail);
}
