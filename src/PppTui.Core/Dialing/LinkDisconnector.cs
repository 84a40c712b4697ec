namespace PppTui.Core.Dialing;

/// <summary>How a disconnect ended.</summary>
/// <remarks><see cref="Stopped"/> is false when pppd outlived the wait (and --force was not given).</remarks>
public sealed record DisconnectOutcome(
    string Name,
    IReadOnlyList<int> Pids,
    bool Stopped,
    bool Forced,
    string Message,
    IReadOnlyList<string> RemovedPidFiles);

/// <summary>
/// Stops a link: SIGTERM to exactly that link's pppd (from its pid file or its <c>pppd call
/// NAME</c> process, never by a broad name), a bounded wait for it to go, and SIGKILL only when
/// forced. SIGTERM sets pppd's "asked to quit", so a persist link does not redial.
/// </summary>
public sealed class LinkDisconnector
{
    private readonly SystemPaths _paths;
    private readonly LinkDiscovery _discovery;
    private readonly IProcessSignals _signals;
    private readonly TimeProvider _time;
    private readonly TimeSpan _poll;

    public LinkDisconnector(SystemPaths paths, IProcessSignals signals, TimeProvider? time = null, TimeSpan? poll = null)
    {
        _paths = paths;
        _discovery = new LinkDiscovery(paths);
        _signals = signals;
        _time = time ?? TimeProvider.System;
        _poll = poll ?? TimeSpan.FromMilliseconds(100);
    }

    /// <summary>Default time pppd gets to hang up cleanly (LCP terminate, ip-down scripts) before we give up or force.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    /// <summary>Time a SIGKILLed process gets to vanish.</summary>
    public static readonly TimeSpan KillWait = TimeSpan.FromSeconds(3);

    /// <summary>Null when nothing of that name runs (and no stale pid files were left).</summary>
    public async Task<DisconnectOutcome?> DisconnectAsync(string name, bool force, TimeSpan? wait = null,
        Action<LinkEvent>? onEvent = null, CancellationToken cancellationToken = default)
    {
        var snapshot = _discovery.Scan();
        var links = snapshot.Find(name);
        if (links.Count == 0)
        {
            var stale = snapshot.FindStale(name);
            if (stale.Count == 0) return null;
            var removed = stale.SelectMany(s => RemoveStalePidFiles(s.PidFiles, s.Pid)).ToList();
            return new DisconnectOutcome(name, stale.Select(s => s.Pid).ToList(), true, false,
                $"{name} was already down: pppd (pid {string.Join(", ", stale.Select(s => s.Pid))}) had ended without cleaning up; removed its stale pid files",
                removed);
        }

        var signalled = new List<RunningLink>();
        var problems = new List<string>();
        foreach (var link in links)
        {
            // Check again right before signalling: the pid must still be that very pppd.
            var now = _discovery.Processes.Get(link.Pid);
            if (now is null || now.Program != "pppd" || !now.CommandLine.SequenceEqual(link.CommandLine)) continue;
            switch (_signals.Send(link.Pid, ProcessSignal.Terminate))
            {
                case SignalResult.Sent:
                    signalled.Add(link);
                    Emit(onEvent, new LinkStateChanged(name, _time.GetUtcNow(), StateOf(link), LinkState.Disconnecting,
                        $"SIGTERM sent to pppd (pid {link.Pid})"));
                    break;
                case SignalResult.NotPermitted:
                    problems.Add($"not allowed to signal pppd (pid {link.Pid}): run as root");
                    break;
                case SignalResult.NoSuchProcess:
                    break;
                default:
                    problems.Add($"could not signal pppd (pid {link.Pid})");
                    break;
            }
        }
        var pids = links.Select(l => l.Pid).ToList();
        if (signalled.Count == 0)
        {
            var gone = problems.Count == 0;
            return new DisconnectOutcome(name, pids, gone, false,
                gone ? $"{name} went down by itself" : string.Join("; ", problems), []);
        }

        var alive = await WaitForExitAsync(signalled.Select(l => l.Pid), wait ?? DefaultWait, cancellationToken).ConfigureAwait(false);
        var forced = false;
        var removedFiles = new List<string>();
        if (alive.Count > 0 && force)
        {
            foreach (var pid in alive) _signals.Send(pid, ProcessSignal.Kill);
            forced = true;
            var killed = alive;
            alive = await WaitForExitAsync(alive, KillWait, cancellationToken).ConfigureAwait(false);
            // SIGKILL gives pppd no chance to remove its pid files: remove the ones naming it.
            foreach (var link in signalled.Where(l => killed.Contains(l.Pid) && !alive.Contains(l.Pid)))
                removedFiles.AddRange(RemoveStalePidFiles(link.PidFiles, link.Pid));
        }

        if (alive.Count > 0)
        {
            var message = force
                ? $"pppd (pid {string.Join(", ", alive)}) survived SIGKILL: it is stuck in the kernel (a hung device?)"
                : $"pppd (pid {string.Join(", ", alive)}) did not stop within {(wait ?? DefaultWait).TotalSeconds:0} s; 'ppptui disconnect {name} --force' sends SIGKILL";
            return new DisconnectOutcome(name, pids, false, forced, message, removedFiles);
        }
        Emit(onEvent, new LinkStateChanged(name, _time.GetUtcNow(), LinkState.Disconnecting, LinkState.Down,
            forced ? Msg.T("pppd killed (SIGKILL)") : Msg.T("disconnected on request")));
        Emit(onEvent, new LinkDown(name, _time.GetUtcNow(), forced ? Msg.T("pppd killed (SIGKILL) on request") : Msg.T("disconnected on request"),
            null, null));
        var how = forced ? "killed with SIGKILL after it ignored SIGTERM" : "stopped";
        return new DisconnectOutcome(name, pids, true, forced,
            $"{name} is down: pppd (pid {string.Join(", ", signalled.Select(l => l.Pid))}) {how}", removedFiles);
    }

    private async Task<List<int>> WaitForExitAsync(IEnumerable<int> pids, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + wait;
        var alive = pids.Where(_signals.IsAlive).ToList();
        while (alive.Count > 0 && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(_poll, _time, cancellationToken).ConfigureAwait(false);
            alive = alive.Where(_signals.IsAlive).ToList();
        }
        return alive;
    }

    private static IEnumerable<string> RemoveStalePidFiles(IEnumerable<string> files, int pid)
    {
        var removed = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var first = File.Exists(file) ? File.ReadLines(file).FirstOrDefault()?.Trim() : null;
                if (first != pid.ToString(System.Globalization.CultureInfo.InvariantCulture)) continue;
                File.Delete(file);
                removed.Add(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }

    private LinkState StateOf(RunningLink link) =>
        link.Interface is { } iface && Status.InterfaceCounters.Read(_paths, iface, _time.GetUtcNow()).IsUp
            ? LinkState.Up
            : LinkState.Connecting;

    private static void Emit(Action<LinkEvent>? onEvent, LinkEvent e) => onEvent?.Invoke(e);
}
