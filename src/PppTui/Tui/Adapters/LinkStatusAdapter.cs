using System.Text;
using PppTui.Core.Dialing;
using PppTui.Core.Diagnoses;
using PppTui.Core.Status;
using PppTui.Tui.Models;
using CoreLinkStatus = PppTui.Core.Status.LinkStatus;
using CoreState = PppTui.Core.Dialing.LinkState;
using TuiLinkStatus = PppTui.Tui.Models.LinkStatus;
using TuiState = PppTui.Tui.Models.LinkState;

namespace PppTui.Tui.Adapters;

/// <summary>
/// The screen's view of the links, over <see cref="LinkManager"/>: a background loop polls its
/// <see cref="LinkMonitor"/> (pid files, /proc, /sys/class/net, counters and rates) every
/// <see cref="Interval"/> and the route table every couple of seconds; the monitor's events (and
/// those of a dial or a hang-up started here) refine the state between polls. Connect and
/// Disconnect run through the manager, so the core decides what is allowed (root, a peers file).
/// Everything here may be read from any thread; <see cref="Changed"/> is raised on the polling or
/// dialing thread and views marshal it.
/// </summary>
public sealed class LinkStatusAdapter : ILinkStatusModel, IDisposable
{
    private readonly ErrorLog? _errors;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _polling = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly Dictionary<string, Overlay> _overlay = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dialing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopping = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _pids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private CancellationTokenSource? _loop;
    private IReadOnlyList<CoreLinkStatus> _current = [];
    private IReadOnlyList<TuiLinkStatus> _links = [];
    private NetworkView? _network;
    private DateTimeOffset _networkRead = DateTimeOffset.MinValue;
    private string _fingerprint = "";
    private bool _polled;

    public LinkStatusAdapter(LinkManager manager, ErrorLog? errors = null)
    {
        Manager = manager;
        _errors = errors;
        Monitor = manager.CreateMonitor();
        Monitor.Changed += OnLinkEvent;
    }

    public LinkManager Manager { get; }
    public LinkMonitor Monitor { get; }

    /// <summary>How often the links are looked at (their counters, so the rates, move at this pace).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the route table is read (it runs <c>ip route</c>).</summary>
    public TimeSpan NetworkInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether a name is one of the user's profiles. A link that is not running (failed, or pid
    /// files a dead pppd left) is shown only for a profile or a dial started here: other names
    /// (an interface, "pppd-PID") are whatever a pppd happened to be called and mean nothing once
    /// it is gone. Running links are always shown, whoever started them. Null shows every one.
    /// </summary>
    public Func<string, bool>? KnownProfile { get; set; }

    /// <summary>How long Connect waits for the link to come up before it reports that pppd is still trying.</summary>
    public TimeSpan ConnectWait { get; init; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<TuiLinkStatus> Links
    {
        get { lock (_gate) return _links; }
    }

    public bool Polled
    {
        get { lock (_gate) return _polled; }
    }

    /// <summary>The core status of every link as of the last poll (routes, DNS, traps).</summary>
    public IReadOnlyList<CoreLinkStatus> Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>The route table and DNS as last read, or null before the first read.</summary>
    public NetworkView? Network
    {
        get { lock (_gate) return _network; }
    }

    public event EventHandler? Changed;

    /// <summary>Every event a link reported (dial progress, pppd's lines, drops), on the thread that saw it.</summary>
    public event Action<LinkEvent>? LinkEvent;

    /// <summary>A link's set of pppd pids grew (the log's per-link view re-checks its lines).</summary>
    public event EventHandler? PidsChanged;

    /// <summary>The badge state of a profile's link: Unknown until the first look at the system.</summary>
    public TuiState StateOf(string name)
    {
        lock (_gate)
        {
            var row = _links.FirstOrDefault(l => l.Profile == name);
            if (row is not null) return row.State;
            return _polled ? TuiState.Down : TuiState.Unknown;
        }
    }

    /// <summary>Whether a process is (or was) one of the link's pppd processes.</summary>
    public bool PidBelongsTo(string name, int pid)
    {
        lock (_gate) return _pids.TryGetValue(name, out var set) && set.Contains(pid);
    }

    /// <summary>Starts the polling loop in the background.</summary>
    public void Start()
    {
        if (_loop is not null) return;
        _loop = new CancellationTokenSource();
        var token = _loop.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                await PollAsync(token).ConfigureAwait(false);
                try
                {
                    await _wake.WaitAsync(Interval, token).ConfigureAwait(false);
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
    }

    /// <summary>Asks the loop to look now instead of at its next tick.</summary>
    public void RequestPoll() => _wake.Release();

    /// <summary>One look at the links (and, when due, the routes); raises <see cref="Changed"/> when anything shown changed.</summary>
    public async Task PollAsync(CancellationToken cancellationToken = default)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Monitor.PollAsync(cancellationToken).ConfigureAwait(false);
            NetworkView? network = null;
            if (DateTimeOffset.UtcNow - _networkRead >= NetworkInterval)
            {
                network = await Manager.Status.ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
                _networkRead = DateTimeOffset.UtcNow;
            }
            bool pidsGrew = false;
            lock (_gate)
            {
                _current = Monitor.Current;
                if (network is not null) _network = network;
                _polled = true;
                // A hang-up is over once the system shows the link gone; a later drop is news again.
                _stopping.RemoveWhere(name => !_current.Any(s => s.Name == name));
                foreach (var status in _current)
                {
                    if (status.Pid is { } pid) pidsGrew |= AddPid(status.Name, pid);
                    // Seen up (or gone) by the system: a state from an old event no longer applies.
                    if (_overlay.TryGetValue(status.Name, out var o) &&
                        (status.State == CoreState.Up && o.State != TuiState.Disconnecting ||
                         o.State == TuiState.Failed && status.State != CoreState.Down))
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
            ReportOnce(ErrorLog.Describe(e, "Read the link status"));
        }
        finally
        {
            _polling.Release();
        }
    }

    public async Task<ActionResult> ConnectAsync(string profileName, CancellationToken cancellationToken)
    {
        var what = "Connect " + profileName;
        lock (_gate)
        {
            _dialing.Add(profileName);
            _stopping.Remove(profileName);
            _overlay[profileName] = new Overlay(TuiState.Connecting, "starting pppd");
        }
        Publish();
        try
        {
            var outcome = await Manager.ConnectAsync(profileName, ConnectWait, null, cancellationToken, Monitor).ConfigureAwait(false);
            await PollAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.IsUp)
            {
                SetOverlay(profileName, null);
                var s = outcome.Status;
                var where = s?.Interface is { } iface ? $" on {iface}" : "";
                var address = s?.LocalAddress is { } local ? $", {local}" + (s.PeerAddress is { } peer ? $" → {peer}" : "") : "";
                var mtu = s?.Mtu is { } m ? $", mtu {m}" : "";
                return ActionResult.Ok($"{profileName} is {(outcome.AlreadyRunning ? "already " : "")}up{where}{address}{mtu}");
            }
            if (outcome.TimedOut)
            {
                SetOverlay(profileName, new Overlay(TuiState.Connecting, outcome.State.Describe()));
                return ActionResult.Fail(new UserError(what,
                    $"{profileName} did not come up within {ConnectWait.TotalSeconds:0} s ({outcome.State.Describe()})" +
                    (outcome.Diagnosis is { } why ? ": " + why.Cause : ""),
                    outcome.Diagnosis?.Fix ?? "pppd keeps trying on its own: watch the log pane, or Disconnect (F8) to stop it.",
                    Evidence(outcome.Diagnosis, outcome.ExitStatus)));
            }
            var diagnosis = outcome.Diagnosis;
            SetOverlay(profileName, new Overlay(TuiState.Failed, diagnosis?.Cause ?? outcome.Reason));
            return ActionResult.Fail(new UserError(what, diagnosis?.Cause ?? outcome.Reason,
                diagnosis?.Fix ?? "Read pppd's lines in the log pane (Alt+6); 'ppptui explain " + profileName + "' tells the last attempt.",
                Evidence(diagnosis, outcome.ExitStatus)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SetOverlay(profileName, null);
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
        finally
        {
            lock (_gate) _dialing.Remove(profileName);
            Publish();
        }
    }

    public async Task<ActionResult> DisconnectAsync(string profileName, CancellationToken cancellationToken)
    {
        var what = "Disconnect " + profileName;
        lock (_gate)
        {
            _stopping.Add(profileName);
            _overlay[profileName] = new Overlay(TuiState.Disconnecting, "stopping pppd (SIGTERM)");
        }
        Publish();
        try
        {
            var outcome = await Manager.DisconnectAsync(profileName, force: false, null, OnLinkEvent, cancellationToken).ConfigureAwait(false);
            await PollAsync(cancellationToken).ConfigureAwait(false);
            if (outcome.Stopped)
            {
                SetOverlay(profileName, null);
                return ActionResult.Ok(outcome.Message);
            }
            SetOverlay(profileName, new Overlay(TuiState.Disconnecting, outcome.Message));
            lock (_gate) _stopping.Remove(profileName);
            return ActionResult.Fail(new UserError(what, outcome.Message,
                $"Give it a moment and look again; to end it for good: ppptui disconnect {profileName} --force (SIGKILL)."));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SetOverlay(profileName, null);
            lock (_gate) _stopping.Remove(profileName);
            return ActionResult.Fail(ErrorLog.Describe(e, what));
        }
        finally
        {
            Publish();
        }
    }

    private void OnLinkEvent(LinkEvent e)
    {
        UserError? dropped = null;
        bool pidsGrew = false;
        lock (_gate)
        {
            switch (e)
            {
                case LinkStateChanged { New: CoreState.Down }:
                    break; // the LinkDown that follows says why
                case LinkStateChanged c:
                    var state = Map(c.New);
                    if (state == TuiState.Up) _overlay[c.Link] = new Overlay(TuiState.Up, null);
                    else if (!(_overlay.TryGetValue(c.Link, out var o) && o.State == TuiState.Disconnecting && state == TuiState.Connecting))
                        _overlay[c.Link] = new Overlay(state, string.IsNullOrEmpty(c.Reason) ? c.New.Describe() : $"{c.New.Describe()}: {c.Reason}");
                    pidsGrew = LearnPids(c.Link);
                    break;
                case LinkUp up:
                    _overlay[up.Link] = new Overlay(TuiState.Up, null);
                    if (up.Details.Pid is { } pid) pidsGrew = AddPid(up.Link, pid);
                    break;
                case LinkDown down:
                    bool wasShownUp = _links.Any(l => l.Profile == down.Link && l.State == TuiState.Up);
                    // Asked for here (the hang-up and the monitor both tell it), or a clean SIGTERM from elsewhere (poff).
                    if (_stopping.Contains(down.Link) || down.Diagnosis is null && down.ExitStatus is 0 or 5)
                    {
                        _overlay.Remove(down.Link);
                        break;
                    }
                    _overlay[down.Link] = new Overlay(TuiState.Failed, down.Diagnosis?.Cause ?? down.Reason);
                    // A dial started here reports its own failure; a link that dropped while up is news.
                    if (!_dialing.Contains(down.Link) && wasShownUp)
                        dropped = new UserError($"{down.Link} went down", down.Diagnosis?.Cause ?? down.Reason,
                            down.Diagnosis?.Fix ?? "Read pppd's lines in the log pane (Alt+6), then Connect (F5) again.",
                            Evidence(down.Diagnosis, down.ExitStatus));
                    break;
            }
        }
        if (pidsGrew) PidsChanged?.Invoke(this, EventArgs.Empty);
        if (dropped is not null) _errors?.Report(dropped);
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
        if (!_pids.TryGetValue(name, out var set)) _pids[name] = set = [];
        return set.Add(pid);
    }

    private void SetOverlay(string name, Overlay? overlay)
    {
        lock (_gate)
        {
            if (overlay is null) _overlay.Remove(name);
            else _overlay[name] = overlay;
        }
    }

    /// <summary>Rebuilds the rows from the last poll and the events since; raises Changed when what is shown differs.</summary>
    private void Publish()
    {
        bool changed;
        lock (_gate)
        {
            var rows = new List<TuiLinkStatus>();
            foreach (var status in _current)
            {
                var row = ToRow(status);
                if (_overlay.TryGetValue(status.Name, out var o) && (status.State != CoreState.Up || o.State == TuiState.Disconnecting))
                    row = row with { State = o.State, Detail = o.Detail ?? row.Detail };
                if (Shown(row)) rows.Add(row);
            }
            foreach (var (name, o) in _overlay)
            {
                if (rows.Any(r => r.Profile == name) || _current.Any(s => s.Name == name)) continue;
                var row = new TuiLinkStatus(name, null, o.State, [], null, null, 0, 0, 0, 0, null, o.Detail);
                if (Shown(row)) rows.Add(row);
            }
            rows.Sort((a, b) => string.CompareOrdinal(a.Profile, b.Profile));
            // The first look is news even when it found nothing: the views stop saying they are looking.
            var fingerprint = (_polled ? "polled\n" : "") + Fingerprint(rows, _network);
            changed = fingerprint != _fingerprint;
            _fingerprint = fingerprint;
            _links = rows;
        }
        if (changed) Changed?.Invoke(this, EventArgs.Empty);
    }

    private bool Shown(TuiLinkStatus row) =>
        row.State is not (TuiState.Failed or TuiState.Down) || _dialing.Contains(row.Profile) || KnownProfile?.Invoke(row.Profile) != false;

    private static TuiLinkStatus ToRow(CoreLinkStatus s)
    {
        var state = s.State == CoreState.Down ? (s.Diagnosis is not null ? TuiState.Failed : TuiState.Down) : Map(s.State);
        var detail = state switch
        {
            TuiState.Up => s.MtuNote is { } note ? "mtu " + note : null,
            TuiState.Failed => s.Diagnosis?.Cause ?? s.Reason,
            _ => s.Reason,
        };
        return new TuiLinkStatus(s.Name, s.Interface, state,
            s.LocalAddress is { } local ? [local] : [], s.PeerAddress, s.Mtu,
            s.RxBytes ?? 0, s.TxBytes ?? 0, s.RxRate ?? 0, s.TxRate ?? 0,
            s.UptimeSeconds is { } up ? TimeSpan.FromSeconds(up) : null, detail);
    }

    public static TuiState Map(CoreState state) => state switch
    {
        CoreState.Up => TuiState.Up,
        CoreState.Down => TuiState.Down,
        CoreState.Disconnecting => TuiState.Disconnecting,
        _ => TuiState.Connecting,
    };

    private static string? Evidence(Diagnosis? diagnosis, int? exitStatus)
    {
        var parts = new List<string>();
        if (diagnosis?.Evidence is { } evidence) parts.Add("evidence: " + evidence);
        if (exitStatus is { } status) parts.Add($"pppd exit status {status}");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Fingerprint(IReadOnlyList<TuiLinkStatus> rows, NetworkView? network)
    {
        var sb = new StringBuilder();
        foreach (var r in rows)
            sb.Append(r.Profile).Append('|').Append(r.Interface).Append('|').Append(r.State).Append('|')
              .Append(string.Join(",", r.Addresses)).Append('|').Append(r.PeerAddress).Append('|').Append(r.Mtu).Append('|')
              .Append(r.RxBytes).Append('|').Append(r.TxBytes).Append('|').Append(r.RxRate).Append('|').Append(r.TxRate).Append('|')
              .Append(r.Uptime).Append('|').Append(r.Detail).Append('\n');
        if (network is not null)
        {
            sb.Append(network.RoutesKnown).Append('\n');
            foreach (var route in network.Routes) sb.Append(route).Append('\n');
        }
        return sb.ToString();
    }

    private void ReportOnce(UserError error)
    {
        lock (_gate)
        {
            if (!_reported.Add(error.Cause)) return;
        }
        _errors?.Report(error);
    }

    private sealed record Overlay(TuiState State, string? Detail);
}
