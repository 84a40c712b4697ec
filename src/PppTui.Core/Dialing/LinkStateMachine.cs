namespace PppTui.Core.Dialing;

/// <summary>
/// The life of one link, as a pure function of what is observed: pppd's lines, its exit status,
/// requests, and probes of the live system. It starts no process and reads no file; feed it
/// observations and it returns the events they cause (in order). Not thread-safe: feed it from
/// one place.
/// </summary>
public sealed class LinkStateMachine
{
    private readonly ILinkDiagnoser _diagnoser;
    private readonly DiagnosisContext _context;
    private readonly TimeProvider _time;
    private readonly List<string> _lines = [];
    private int _attemptStart;
    private bool _upPending;
    /// <summary>ppptui asked this pppd to stop (a SIGTERM of someone else is not a request).</summary>
    private bool _stopRequested;
    private bool _upAnnounced;

    /// <summary>
    /// A machine for link <paramref name="link"/> (the profile / peers name). With
    /// <paramref name="persist"/> pppd redials after a drop, so a drop means Redialing, not Down.
    /// </summary>
    public LinkStateMachine(string link, bool persist, ILinkDiagnoser diagnoser, DiagnosisContext? context = null,
        TimeProvider? time = null)
    {
        Link = link;
        Persist = persist;
        _diagnoser = diagnoser;
        _context = context ?? new DiagnosisContext(link);
        _time = time ?? TimeProvider.System;
    }

    public string Link { get; }
    public bool Persist { get; }
    public LinkState State { get; private set; } = LinkState.Down;
    public LinkDetails Details { get; private set; } = new();

    /// <summary>Every line seen since the dial started, oldest first.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Why the link is down, once it is.</summary>
    public LinkDown? LastDown { get; private set; }

    public IReadOnlyList<LinkEvent> Observe(LinkObservation observation)
    {
        var events = new List<LinkEvent>();
        switch (observation)
        {
            case DialStarted started:
                _lines.Clear();
                _attemptStart = 0;
                _upPending = _upAnnounced = false;
                LastDown = null;
                Details = new LinkDetails { Pid = started.Pid };
                MoveTo(events, LinkState.Starting, started.Pid is { } pid ? $"pppd started (pid {pid})" : "pppd started");
                break;
            case PppdPidKnown known:
                Details = Details with { Pid = known.Pid };
                break;
            case PppdOutput output:
                OnLine(events, output.Text);
                break;
            case PppdExited exited:
                OnExit(events, exited.ExitStatus);
                break;
            case DisconnectRequested request:
                _stopRequested = true;
                if (State != LinkState.Down) MoveTo(events, LinkState.Disconnecting, request.Reason);
                break;
            case QuietPeriod:
                FlushUp(events);
                break;
            case NoticeObserved notice:
                events.Add(new LinkNotice(Link, Now, notice.Diagnosis));
                break;
            case LinkProbed probed:
                OnProbe(events, probed.Probe);
                break;
        }
        return events;
    }

    /// <summary>
    /// Takes over a state learned elsewhere (a dial that another machine followed), without
    /// emitting events, so the next observation continues from there.
    /// </summary>
    public void Sync(LinkState state, LinkDetails details)
    {
        State = state;
        Details = details;
        _upPending = false;
        _upAnnounced = state == LinkState.Up;
    }

    private void OnLine(List<LinkEvent> events, string text)
    {
        var line = PppdProgress.Classify(text);
        if (_upPending && line.Kind is not (PppdLineKind.RemoteAddress or PppdLineKind.Dns)) FlushUp(events);
        _lines.Add(line.Text);
        events.Add(new LinkLogLine(Link, Now, line.Text));
        if (_diagnoser.MatchLine(line.Text, _context) is { } notice) events.Add(new LinkNotice(Link, Now, notice));

        switch (line.Kind)
        {
            case PppdLineKind.Starting:
                if (State is LinkState.Down) MoveTo(events, LinkState.Starting, line.Text);
                break;
            case PppdLineKind.Connecting:
                if (line.Value is { } iface && line.Text.StartsWith("Using interface", StringComparison.Ordinal))
                    Details = Details with { Interface = iface };
                if (line.Value2 is { } device) Details = Details with { Interface = line.Value, Device = device };
                if (State is LinkState.Down or LinkState.Starting or LinkState.Redialing)
                {
                    if (State == LinkState.Redialing) _attemptStart = _lines.Count - 1;
                    MoveTo(events, LinkState.Connecting, line.Text);
                }
                break;
            case PppdLineKind.Authenticating:
                if (State is LinkState.Down or LinkState.Starting or LinkState.Connecting or LinkState.Redialing)
                    MoveTo(events, LinkState.Authenticating, line.Text);
                break;
            case PppdLineKind.NegotiatingIp:
                if (line.Value is { } compression) Details = Details with { Compression = compression };
                if (State is LinkState.Down or LinkState.Starting or LinkState.Connecting or LinkState.Authenticating or LinkState.Redialing)
                    MoveTo(events, LinkState.NegotiatingIp, line.Text);
                break;
            case PppdLineKind.LocalAddress:
                Details = Details with { LocalAddress = line.Value, Dns = [] };
                if (State != LinkState.Up) _upPending = true;
                break;
            case PppdLineKind.RemoteAddress:
                Details = Details with { PeerAddress = line.Value };
                break;
            case PppdLineKind.Dns:
                Details = Details with { Dns = [.. Details.Dns, line.Value!] };
                break;
            case PppdLineKind.Terminating:
                if (State != LinkState.Down) MoveTo(events, LinkState.Disconnecting, $"pppd received signal {line.Value}");
                break;
            case PppdLineKind.Hangup:
                if (State != LinkState.Down)
                    MoveTo(events, Persist ? LinkState.Redialing : LinkState.Disconnecting, "pppd received SIGHUP");
                break;
            case PppdLineKind.AttemptEnded:
                if (Persist && State is not (LinkState.Down or LinkState.Disconnecting or LinkState.Redialing))
                {
                    var attempt = _lines.Skip(_attemptStart).ToList();
                    var why = _diagnoser.Explain(attempt, null, _context);
                    MoveTo(events, LinkState.Redialing, why?.Cause ?? line.Text);
                    _upAnnounced = false;
                    Details = new LinkDetails { Pid = Details.Pid };
                }
                break;
        }
    }

    private void OnExit(List<LinkEvent> events, int status)
    {
        if (status == 0)
        {
            // updetach: pppd's parent exits 0 once the link is up; the child lives on.
            FlushUp(events);
            return;
        }
        _upPending = false;
        var diagnosis = _diagnoser.Explain(_lines, status, _context) ?? _diagnoser.ForExitStatus(status, _context);
        // pppd ends with 5 on any SIGTERM: only ours is a request. xl2tpd, for one, stops its pppd
        // that way after a failed authentication, and the failure is the reason then.
        var reason = _stopRequested && status == 5 ? Msg.T("disconnected on request") : diagnosis.Cause;
        GoDown(events, reason, status, diagnosis);
    }

    private void OnProbe(List<LinkEvent> events, LinkProbe probe)
    {
        if (probe.Pid is { } pid && Details.Pid != pid) Details = Details with { Pid = pid };
        if (!probe.ProcessAlive)
        {
            if (State == LinkState.Down) return;
            _upPending = false;
            if (_stopRequested)
            {
                GoDown(events, Msg.T("disconnected on request"), null, null);
                return;
            }
            if (probe.StaleEvidence is { } stale)
            {
                var killed = new Diagnosis("pppd-vanished", DiagnosisSeverity.Failure,
                    $"pppd{PidText(probe.Pid)} ended without cleaning up (killed with SIGKILL, or it crashed).",
                    "Find out what killed it (dmesg for the OOM killer, the shell history for kill -9); connect again.",
                    stale, null);
                GoDown(events, killed.Cause, null, killed);
                return;
            }
            var explained = _lines.Count > 0 ? _diagnoser.Explain(_lines, null, _context) : null;
            GoDown(events, explained?.Cause ?? $"pppd{PidText(probe.Pid)} has exited", null, explained);
            return;
        }

        var up = probe.InterfaceUp && probe.LocalAddress is not null;
        if (up)
        {
            Details = Details with
            {
                Interface = probe.Interface ?? Details.Interface,
                LocalAddress = probe.LocalAddress,
                PeerAddress = probe.PeerAddress ?? Details.PeerAddress,
                Mtu = probe.Mtu ?? Details.Mtu,
            };
            if (State != LinkState.Up || !_upAnnounced) AnnounceUp(events);
            return;
        }
        if (probe.Interface is not null) Details = Details with { Interface = probe.Interface };
        switch (State)
        {
            case LinkState.Up:
                _upAnnounced = false;
                MoveTo(events, Persist ? LinkState.Redialing : LinkState.Disconnecting,
                    $"{probe.Interface ?? "the interface"} lost its address or went down");
                break;
            case LinkState.Down:
                MoveTo(events, LinkState.Connecting, $"pppd{PidText(probe.Pid)} is dialing");
                break;
        }
    }

    private void FlushUp(List<LinkEvent> events)
    {
        if (!_upPending) return;
        _upPending = false;
        AnnounceUp(events);
    }

    private void AnnounceUp(List<LinkEvent> events)
    {
        var where = Details.Interface is { } i ? $" on {i}" : "";
        MoveTo(events, LinkState.Up, $"IP address {Details.LocalAddress}{where}");
        _upAnnounced = true;
        events.Add(new LinkUp(Link, Now, Details));
    }

    private void GoDown(List<LinkEvent> events, string reason, int? status, Diagnosis? diagnosis)
    {
        MoveTo(events, LinkState.Down, reason);
        _upAnnounced = false;
        LastDown = new LinkDown(Link, Now, reason, status, diagnosis);
        events.Add(LastDown);
    }

    private void MoveTo(List<LinkEvent> events, LinkState next, string reason)
    {
        if (next == State && next != LinkState.Up) return;
        var old = State;
        State = next;
        if (old != next) events.Add(new LinkStateChanged(Link, Now, old, next, reason));
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private static string PidText(int? pid) => pid is { } p ? $" (pid {p})" : "";
}
