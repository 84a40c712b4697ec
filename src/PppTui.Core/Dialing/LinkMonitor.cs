namespace PppTui.Core.Dialing;

/// <summary>
/// Watches every link on the system (started by ppptui, pon, by hand or systemd) and reports
/// changes as <see cref="LinkEvent"/>s; <see cref="LinkWatch"/> builds the front ends' view of the links on it.
/// Each poll reads pid files, /proc and /sys/class/net (cheap); <c>ip</c> runs only when
/// something changed or every couple of seconds. pppd's log lines, when a log follower feeds
/// them in, refine the state between polls.
/// </summary>
public sealed class LinkMonitor
{
    private readonly SystemPaths _paths;
    private readonly IPeerOptionsReader _options;
    private readonly ILinkDiagnoser _diagnoser;
    private readonly TimeProvider _time;
    private readonly LinkDiscovery _discovery;
    private readonly LinkStatusReader _status;
    private readonly Dictionary<string, LinkStateMachine> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LinkState State, LinkDetails Details)> _claimed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, InterfaceCounters> _counters = new Dictionary<string, InterfaceCounters>();
    private IReadOnlyList<LinkStatus> _current = [];
    private string _fingerprint = "";
    private DateTimeOffset _lastFullRead = DateTimeOffset.MinValue;

    /// <param name="explainDrop">Why a link that came up went down (see <see cref="LinkStatusReader.ExplainDrop"/>), or null.</param>
    public LinkMonitor(SystemPaths paths, ICommandRunner runner, IPeerOptionsReader options, ILinkDiagnoser diagnoser,
        TimeProvider? time = null, Func<string, Diagnosis?>? explainDrop = null)
    {
        _paths = paths;
        _options = options;
        _diagnoser = diagnoser;
        _time = time ?? TimeProvider.System;
        _discovery = new LinkDiscovery(paths);
        _status = new LinkStatusReader(paths, runner, options, _time) { ExplainDrop = explainDrop };
    }

    /// <summary>Raised for every event, on the polling thread (a view marshals it to its UI thread).</summary>
    public event Action<LinkEvent>? Changed;

    /// <summary>The rtnetlink watch the status reads addresses and routes from (see <see cref="LinkStatusReader.Kernel"/>).</summary>
    public IKernelNotices? Kernel
    {
        get => _status.Kernel;
        set => _status.Kernel = value;
    }

    /// <summary>Reads the kernel's tables once while <see cref="Kernel"/> is not ready (see <see cref="LinkStatusReader.ReadKernelTables"/>).</summary>
    public Func<CancellationToken, Task<KernelTables?>> ReadKernelTables
    {
        get => _status.ReadKernelTables;
        set => _status.ReadKernelTables = value;
    }

    /// <summary>How long a cheap poll may reuse the last addresses, routes and DNS.</summary>
    public TimeSpan FullRefresh { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The status of every known link as of the last poll.</summary>
    public IReadOnlyList<LinkStatus> Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    public LinkState StateOf(string name)
    {
        lock (_gate) return _machines.TryGetValue(name, out var m) ? m.State : LinkState.Down;
    }

    /// <summary>Polls until cancelled; 200 ms keeps a change on screen within 250 ms of happening.</summary>
    public async Task RunAsync(TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        var every = interval ?? TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(every, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One look at the system; returns (and raises) the events it caused.</summary>
    public async Task<IReadOnlyList<LinkEvent>> PollAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _discovery.Scan();
        var now = _time.GetUtcNow();
        // Addresses and routes are no part of the cheap stamp; with the kernel's notices their
        // changes are counted for free, so a new address is read at once rather than at the next full read.
        var fingerprint = LinkChangeStamp.Of(_paths, snapshot, now) + "\nkernel|" + _status.Kernel?.Tables.Version;
        IReadOnlyList<LinkStatus> statuses;
        if (fingerprint != _fingerprint || now - _lastFullRead >= FullRefresh)
        {
            var sample = await _status.ReadAllAsync(snapshot, _counters, cancellationToken).ConfigureAwait(false);
            statuses = sample.Links;
            _counters = sample.Counters;
            _lastFullRead = now;
            _fingerprint = fingerprint;
        }
        else
        {
            statuses = RefreshCounters(now);
        }

        var events = new List<LinkEvent>();
        lock (_gate)
        {
            _current = statuses;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var status in statuses)
            {
                seen.Add(status.Name);
                if (_claimed.ContainsKey(status.Name)) continue;
                var machine = MachineFor(status.Name);
                var running = snapshot.Links.Any(l => l.Name == status.Name);
                var probe = running
                    ? new LinkProbe(true, status.Pid, status.Interface, status.State == LinkState.Up, status.LocalAddress,
                        status.PeerAddress, status.Mtu)
                    : new LinkProbe(false, status.Pid, status.Interface, false, null, null, null, status.Diagnosis?.Evidence);
                var before = machine.State;
                events.AddRange(machine.Observe(new LinkProbed(probe)));
                if (before != LinkState.Up && machine.State == LinkState.Up)
                    events.AddRange(status.Notices.SelectMany(n => machine.Observe(new NoticeObserved(n))));
            }
            foreach (var (name, machine) in _machines)
            {
                if (seen.Contains(name) || _claimed.ContainsKey(name) || machine.State == LinkState.Down) continue;
                events.AddRange(machine.Observe(new LinkProbed(new LinkProbe(false, machine.Details.Pid, null, false, null, null, null))));
            }
        }
        Raise(events);
        return events;
    }

    /// <summary>
    /// Feeds a log line (from the log follower) to the link whose pppd has that pid, so states
    /// such as Authenticating and the reason of a drop show without waiting for a poll.
    /// </summary>
    public IReadOnlyList<LinkEvent> ObserveLogLine(PppLogEntry entry)
    {
        if (entry.Program != "pppd" || entry.Pid is not { } pid) return [];
        var events = new List<LinkEvent>();
        lock (_gate)
        {
            var status = _current.FirstOrDefault(s => s.Pid == pid);
            if (status is null || _claimed.ContainsKey(status.Name)) return [];
            events.AddRange(MachineFor(status.Name).Observe(new PppdOutput(entry.Message)));
        }
        Raise(events);
        return events;
    }

    /// <summary>
    /// While a dial in this process drives a link, the monitor stops probing it and passes the
    /// dial's events through instead (so views see one story, not two). Dispose to hand it back.
    /// </summary>
    public IDisposable Claim(string name)
    {
        lock (_gate) _claimed[name] = (StateOf(name), new LinkDetails());
        return new Release(this, name);
    }

    /// <summary>Passes a dial's event to subscribers and remembers the state it reports.</summary>
    public void Forward(LinkEvent e)
    {
        lock (_gate)
        {
            if (_claimed.TryGetValue(e.Link, out var known))
            {
                _claimed[e.Link] = e switch
                {
                    LinkStateChanged c => (c.New, known.Details),
                    LinkUp up => (known.State, up.Details),
                    _ => known,
                };
            }
        }
        Raise([e]);
    }

    private void ReleaseClaim(string name)
    {
        lock (_gate)
        {
            if (!_claimed.Remove(name, out var known)) return;
            MachineFor(name).Sync(known.State, known.Details);
        }
    }

    private LinkStateMachine MachineFor(string name)
    {
        if (_machines.TryGetValue(name, out var machine)) return machine;
        var options = new PeerOptions(_options.Read(name));
        machine = new LinkStateMachine(name, options.Persist, _diagnoser, DiagnosisContexts.For(name, options), _time);
        _machines[name] = machine;
        return machine;
    }

    private IReadOnlyList<LinkStatus> RefreshCounters(DateTimeOffset now)
    {
        var counters = new Dictionary<string, InterfaceCounters>(StringComparer.Ordinal);
        var result = new List<LinkStatus>();
        foreach (var status in _current)
        {
            if (status.Interface is not { } iface || status.State != LinkState.Up)
            {
                result.Add(status);
                continue;
            }
            var fresh = InterfaceCounters.Read(_paths, iface, now);
            counters[iface] = fresh;
            var rates = _counters.TryGetValue(iface, out var before) ? TrafficRates.Between(before, fresh) : null;
            result.Add(status with
            {
                RxBytes = fresh.RxBytes,
                TxBytes = fresh.TxBytes,
                RxRate = rates?.RxBytesPerSecond ?? status.RxRate,
                TxRate = rates?.TxBytesPerSecond ?? status.TxRate,
                UptimeSeconds = status.UpSince is { } since ? (long)Math.Max(0, (now - since).TotalSeconds) : null,
            });
        }
        _counters = counters;
        return result;
    }

    private void Raise(IEnumerable<LinkEvent> events)
    {
        foreach (var e in events) Changed?.Invoke(e);
    }

    private sealed class Release(LinkMonitor monitor, string name) : IDisposable
    {
        public void Dispose() => monitor.ReleaseClaim(name);
    }
}
