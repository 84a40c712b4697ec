using System.Threading.Channels;

namespace PppTui.Core.Dialing;

/// <summary>How often the dialer looks at things. Tests shorten them; the defaults keep a change visible within 250 ms.</summary>
public sealed record DialTimings(TimeSpan QuietPeriod, TimeSpan ProbeInterval)
{
    // pppd logs the address and DNS lines in one go, microseconds apart: 60 ms of quiet is plenty.
    public static readonly DialTimings Default = new(TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(200));
}

/// <summary>How a connect ended (or where it stood when the wait ran out).</summary>
public sealed record ConnectOutcome(
    string Name,
    LinkState State,
    string Reason,
    LinkStatus? Status,
    Diagnosis? Diagnosis,
    int? ExitStatus,
    bool AlreadyRunning,
    bool TimedOut,
    IReadOnlyList<string> Lines)
{
    public bool IsUp => State == LinkState.Up;
}

/// <summary>
/// Dials a link: runs <c>pppd call NAME updetach</c> through the command runner, feeds pppd's
/// lines (stdout/stderr while attached, or the peer's logfile) into a <see cref="LinkStateMachine"/>,
/// and reports every event as it happens. When pppd detaches the link lives on by itself; a
/// link that is already running is attached to instead of dialed twice.
/// </summary>
public sealed class LinkDialer
{
    private readonly SystemPaths _paths;
    private readonly ICommandRunner _runner;
    private readonly IPeerOptionsReader _options;
    private readonly ILinkDiagnoser _diagnoser;
    private readonly LinkDiscovery _discovery;
    private readonly LinkStatusReader _status;
    private readonly DialAttemptStore _attempts;
    private readonly PppdCommands _commands;
    private readonly TimeProvider _time;
    private readonly DialTimings _timings;
    private readonly IPppLogReader? _logs;

    /// <param name="logs">The system log, for the lines pppd's helpers send only there (chat -v).</param>
    /// <param name="kernelTables">Reads the kernel's tables once for the status read after Up (see <see cref="LinkStatusReader.ReadKernelTables"/>); null runs <c>ip</c>.</param>
    public LinkDialer(SystemPaths paths, ICommandRunner runner, IPeerOptionsReader options, ILinkDiagnoser diagnoser,
        PppdCommands commands, TimeProvider? time = null, DialTimings? timings = null, IPppLogReader? logs = null,
        Func<CancellationToken, Task<KernelTables?>>? kernelTables = null)
    {
        _logs = logs;
        _paths = paths;
        _runner = runner;
        _options = options;
        _diagnoser = diagnoser;
        _commands = commands;
        _time = time ?? TimeProvider.System;
        _timings = timings ?? DialTimings.Default;
        _discovery = new LinkDiscovery(paths);
        _status = new LinkStatusReader(paths, runner, options, _time);
        if (kernelTables is not null) _status.ReadKernelTables = kernelTables;
        _attempts = new DialAttemptStore(paths);
    }

    /// <summary>
    /// Connects <paramref name="name"/> and waits up to <paramref name="wait"/> for it to come up.
    /// Events go to <paramref name="onEvent"/> on whatever thread observes them. When the wait runs
    /// out pppd is left alone (it keeps dialing: persist, holdoff and maxfail are its business).
    /// </summary>
    /// <param name="daemon">For a link whose pppd a daemon starts (xl2tpd): how to make it do so.</param>
    public async Task<ConnectOutcome> ConnectAsync(string name, TimeSpan wait, Action<LinkEvent>? onEvent = null,
        CancellationToken cancellationToken = default, DaemonDial? daemon = null)
    {
        var deadline = _time.GetUtcNow() + wait;
        var options = new PeerOptions(_options.Read(name));
        var context = DiagnosisContexts.For(name, options);
        if (daemon?.Server is { } server) context = context with { Server = server };
        var machine = new LinkStateMachine(name, options.Persist, _diagnoser, context, _time);
        void Feed(LinkObservation observation)
        {
            foreach (var e in machine.Observe(observation)) onEvent?.Invoke(e);
        }

        var existing = _discovery.Scan().Find(name);
        if (existing.Count > 0)
            return await AttachAsync(name, machine, Feed, deadline, attached: true, null, cancellationToken).ConfigureAwait(false);

        if (daemon is not null)
        {
            var startedAt = _time.GetUtcNow();
            var (daemonOutcome, daemonPid) = await DaemonConnectAsync(name, daemon, machine, context, Feed, deadline, cancellationToken).ConfigureAwait(false);
            _attempts.Save(new DialAttempt
            {
                Name = name,
                StartedAt = startedAt,
                EndedAt = daemonOutcome.TimedOut ? null : _time.GetUtcNow(),
                Pid = daemonPid,
                DaemonPid = daemonOutcome.Status?.Pid,
                Outcome = daemonOutcome.State,
                Reason = daemonOutcome.Reason,
                Lines = machine.Lines.ToList(),
            });
            return daemonOutcome;
        }

        var spec = _commands.Connect(name, options);
        var tail = options.LogFile is { } logFile ? FileFollower.ForPppdLogFile(_paths.Resolve(logFile), FileFollower.LengthOf(_paths.Resolve(logFile))) : null;
        var attempt = new DialAttempt
        {
            Name = name,
            StartedAt = _time.GetUtcNow(),
            LogFile = options.LogFile,
            LogFileOffset = tail?.Offset,
            Outcome = LinkState.Starting,
        };

        var observations = Channel.CreateUnbounded<LinkObservation>(new UnboundedChannelOptions { SingleReader = true });
        Feed(new DialStarted(null));
        _ = Task.Run(() => PumpAsync(spec, observations.Writer), CancellationToken.None);

        int? exitStatus = null;
        int? pid = null;
        var timedOut = false;
        var detached = false;
        while (true)
        {
            if (tail is not null)
                foreach (var line in tail.ReadNew()) Feed(new PppdOutput(line.Message));
            // Up is decided by pppd's own lines, not by its exit: a pty helper (pptp, or the
            // pppd of a pair) inherits pppd's stdout and keeps the pipe open for the whole link,
            // so the runner reports the exit only when that helper ends.
            if (machine.State is LinkState.Down or LinkState.Up || exitStatus is not null || detached) break;
            var now = _time.GetUtcNow();
            LinkObservation? observation;
            if (now >= deadline)
            {
                // Whatever already arrived still counts: the wait ends, not the reading.
                if (!observations.Reader.TryRead(out observation))
                {
                    timedOut = true;
                    break;
                }
            }
            else
            {
                observation = await NextAsync(observations.Reader, Min(_timings.QuietPeriod, deadline - now), cancellationToken)
                    .ConfigureAwait(false);
            }
            switch (observation)
            {
                case null:
                    Feed(new QuietPeriod());
                    // pppd detaches when its first network protocol is up: with IPV6CP first, before
                    // any IPv4 line, and the pty helper keeps the pipe open, so no exit comes either.
                    // The detached child holding the link's pid file says it happened.
                    detached = pid is { } parent && HasDetached(name, parent);
                    break;
                case PppdPidKnown known:
                    pid = known.Pid;
                    Feed(known);
                    break;
                case PppdExited exited:
                    // The logfile may still hold the last lines: read them before judging the exit.
                    if (tail is not null)
                        foreach (var line in tail.ReadNew()) Feed(new PppdOutput(line.Message));
                    if (exited.ExitStatus != 0 && pid is { } failed)
                        foreach (var line in await HelperLinesAsync(failed, machine.Lines, cancellationToken).ConfigureAwait(false))
                            Feed(new PppdOutput(line));
                    exitStatus = exited.ExitStatus;
                    Feed(exited);
                    break;
                default:
                    Feed(observation);
                    break;
            }
        }

        ConnectOutcome outcome;
        if (machine.State == LinkState.Down)
        {
            var down = machine.LastDown;
            outcome = new ConnectOutcome(name, LinkState.Down, down?.Reason ?? "pppd failed", null, down?.Diagnosis,
                exitStatus, false, false, machine.Lines.ToList());
        }
        else if (timedOut)
        {
            outcome = TimedOut(name, machine, pid);
        }
        else
        {
            // Up, or exit 0: pppd detached (the link is up) or will be found by its pid file and
            // process. Give the parent a moment to hand over to its detached child first, so the
            // pid we report is the one that lives on.
            if (exitStatus is null && pid is { } parent) await ParentGoneAsync(parent, cancellationToken).ConfigureAwait(false);
            outcome = await AttachAsync(name, machine, Feed, deadline, attached: false, pid, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { ExitStatus = exitStatus };
        }

        _attempts.Save(attempt with
        {
            EndedAt = outcome.TimedOut ? null : _time.GetUtcNow(),
            Pid = pid,
            DaemonPid = outcome.Status?.Pid,
            ExitStatus = exitStatus,
            Outcome = outcome.State,
            Reason = outcome.Reason,
            LogFileOffset = attempt.LogFileOffset,
            Lines = machine.Lines.ToList(),
        });
        return outcome;
    }

    /// <summary>
    /// Dials through a daemon: its commands (IPsec up), then its start line, then waits for the
    /// pppd it starts, reading the daemon's and that pppd's lines from the system log (they never
    /// reach our stdout). A failure the daemon logs (no answer, tunnel refused) ends the wait.
    /// </summary>
    private async Task<(ConnectOutcome Outcome, int? Pid)> DaemonConnectAsync(string name, DaemonDial daemon, LinkStateMachine machine,
        DiagnosisContext context, Action<LinkObservation> feed, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        // Classic syslog stamps whole seconds: a line of this very second counts.
        var since = _time.GetUtcNow().AddSeconds(-1);
        var pids = new HashSet<int>();
        var seen = new HashSet<(DateTimeOffset?, int?, string)>();
        // xl2tpd logs each argument of the pppd it starts, ours naming our options file, just
        // before that pppd's first line. A pppd refused at once (wrong password, fast server) can
        // be gone before its pid file is seen: the first pppd to log after that argument, and not
        // before it, is ours too, or the dial would only say that pppd exited.
        var startArgument = daemon.OptionsFile is { } optionsFile ? $"\"{optionsFile}\"" : null;
        void ReadLines()
        {
            if (_logs is null) return;
            var started = false;
            var earlier = new HashSet<int>();
            foreach (var entry in _logs.ReadRecent(500))
            {
                if (entry.Time is { } time && time < since) continue;
                if (entry.Program == daemon.Daemon && entry.Message.Trim() == startArgument) started = true;
                if (entry.Program == "pppd" && entry.Pid is { } logged && !pids.Contains(logged))
                {
                    if (started && !earlier.Contains(logged)) { pids.Add(logged); started = false; }
                    else earlier.Add(logged);
                }
                // pppd may fail on its options before it writes a pid file: a line naming our options file is ours too.
                var ours = entry.Program == daemon.Daemon || (entry.Program == "pppd" &&
                    (entry.Pid is { } pid && pids.Contains(pid) ||
                     daemon.OptionsFile is { } file && entry.Message.Contains(file + ":", StringComparison.Ordinal)));
                if (ours && seen.Add((entry.Time, entry.Pid, entry.Message))) feed(new PppdOutput(entry.Message));
            }
        }
        ConnectOutcome Down(string fallback)
        {
            feed(new LinkProbed(new LinkProbe(false, null, null, false, null, null, null)));
            var down = machine.LastDown;
            return new ConnectOutcome(name, LinkState.Down, down?.Reason ?? fallback, null, down?.Diagnosis, null, false, false, machine.Lines.ToList());
        }

        feed(new DialStarted(null));
        foreach (var spec in daemon.Up)
        {
            var result = await _runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            foreach (var line in (result.StandardOutput + "\n" + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                feed(new PppdOutput(line));
            if (!result.Succeeded) return (Down($"'{spec}' exited {result.ExitCode}"), null);
            // `ipsec up` exits 0 even when the kernel refused the SA (seen in the lab): its output
            // decides too, or xl2tpd would dial in the clear.
            if (_diagnoser.Explain(machine.Lines, null, context) is { Severity: DiagnosisSeverity.Failure } failure)
                return (Down(failure.Cause), null);
        }
        if (daemon.Tell(_paths, daemon.StartLine) is { } problem)
        {
            feed(new PppdOutput(problem));
            return (Down(problem), null);
        }

        var giveUpAt = Min(deadline, _time.GetUtcNow() + daemon.StartWait);
        while (true)
        {
            ReadLines();
            if (machine.State == LinkState.Down) return (Down("pppd failed"), null);
            if (_discovery.Scan().Find(name).FirstOrDefault() is { } link)
            {
                pids.Add(link.Pid);
                var outcome = await AttachAsync(name, machine, feed, deadline, attached: false, link.Pid, cancellationToken, ReadLines)
                    .ConfigureAwait(false);
                return (outcome, link.Pid);
            }
            // The daemon said it gave up (no answer, tunnel refused): nothing more will come.
            if (machine.Lines.Count > 0 && _diagnoser.Explain(machine.Lines, null, context) is { Severity: DiagnosisSeverity.Failure })
                return (Down($"{daemon.Daemon} gave up"), null);
            if (_time.GetUtcNow() >= giveUpAt)
                return (_time.GetUtcNow() >= deadline ? TimedOut(name, machine, null) : Down($"{daemon.Daemon} started no pppd for {name}"), null);
            await Task.Delay(_timings.ProbeInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Follows a running pppd through its pid files, process and interface until it is up, gone, or the wait ends.</summary>
    /// <param name="readLines">Reads the link's lines from elsewhere (the system log) while it waits.</param>
    private async Task<ConnectOutcome> AttachAsync(string name, LinkStateMachine machine, Action<LinkObservation> feed,
        DateTimeOffset deadline, bool attached, int? startedPid, CancellationToken cancellationToken, Action? readLines = null)
    {
        // pppd prints its Up lines and its parent exits before the detached child has written the
        // pid files: a dial we started is given a short while to show up before it counts as gone.
        var showUpBy = attached ? _time.GetUtcNow() : Min(deadline, _time.GetUtcNow() + PidFilesWait);
        while (true)
        {
            readLines?.Invoke();
            var snapshot = _discovery.Scan();
            var link = snapshot.Find(name).FirstOrDefault();
            if (link is null && machine.State != LinkState.Down && _time.GetUtcNow() < showUpBy)
            {
                await Task.Delay(_timings.ProbeInterval, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (link is null)
            {
                if (readLines is not null)
                {
                    // pppd's last lines reach the system log a moment after it exits.
                    await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken).ConfigureAwait(false);
                    readLines();
                }
                var stale = snapshot.FindStale(name).FirstOrDefault();
                feed(new LinkProbed(new LinkProbe(false, stale?.Pid ?? startedPid, stale?.Interface, false, null, null, null,
                    stale is null ? null : "stale " + string.Join(", ", stale.PidFiles.Select(Path.GetFileName)))));
                var down = machine.LastDown;
                return new ConnectOutcome(name, LinkState.Down, down?.Reason ?? "pppd is gone", null, down?.Diagnosis,
                    null, attached, false, machine.Lines.ToList());
            }

            var upBeforeRead = machine.State == LinkState.Up;
            if (upBeforeRead) await IpUpScriptsDoneAsync(link.Pid, deadline, cancellationToken).ConfigureAwait(false);
            var network = await _status.ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
            var dial = new DialKnowledge(machine.Details, machine.Lines.ToList());
            var (status, _) = await _status.ReadAsync(link, network, null, dial, cancellationToken).ConfigureAwait(false);
            feed(new LinkProbed(new LinkProbe(true, link.Pid, status.Interface, status.State == LinkState.Up,
                status.LocalAddress, status.PeerAddress, status.Mtu)));
            // Up learned from this very read (pppd detached before its IPv4 lines): the address is
            // set, but pppd adds the default route and runs ip-up just after. Read again once
            // those are done, so the answer and its warnings are about the finished link.
            if (status.State == LinkState.Up && machine.State == LinkState.Up && !upBeforeRead) continue;
            if (status.State == LinkState.Up && machine.State == LinkState.Up)
            {
                foreach (var notice in status.Notices) feed(new NoticeObserved(notice));
                var reason = attached ? $"already up on {status.Interface}" : $"up on {status.Interface}";
                return new ConnectOutcome(name, LinkState.Up, reason, status, null, null, attached, false, machine.Lines.ToList());
            }
            if (_time.GetUtcNow() >= deadline)
                return TimedOut(name, machine, link.Pid) with { AlreadyRunning = attached, Status = status };
            await Task.Delay(_timings.ProbeInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The lines pppd's helpers wrote to the system log only: <c>chat -v</c> logs the modem's
    /// answer (NO CARRIER, BUSY) to syslog, never to pppd's output, so without them a failed dial
    /// only says "Connect script failed". Taken from the span of time pppd (this pid) logged in,
    /// as helpers log under their own pids; lines already seen are left out.
    /// </summary>
    private async Task<IReadOnlyList<string>> HelperLinesAsync(int pppdPid, IReadOnlyList<string> seen,
        CancellationToken cancellationToken)
    {
        if (_logs is null) return [];
        for (var attempt = 1; ; attempt++)
        {
            var entries = _logs.ReadRecent(2000);
            var mine = entries.Where(e => e.Program == "pppd" && e.Pid == pppdPid && e.Time is not null).ToList();
            // pppd's last word is "Exit." (syslog only); until the syslog daemon has written it,
            // the helpers' last lines (the ones that matter) may be missing too. Wait a little.
            var complete = mine.Count > 0 && mine[^1].Message == "Exit.";
            if (complete || (attempt >= HelperLogAttempts && mine.Count > 0))
            {
                var (from, to) = (mine[0].Time, mine[^1].Time);
                var known = seen.ToHashSet(StringComparer.Ordinal);
                return entries.Where(e => e.Program != "pppd" && e.Time >= from && e.Time <= to && known.Add(e.Message))
                    .Select(e => e.Message).ToList();
            }
            if (attempt >= HelperLogAttempts) return [];
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Up to a second for the syslog daemon to catch up with pppd's exit.
    private const int HelperLogAttempts = 10;

    /// <summary>
    /// pppd runs /etc/ppp/ip-up (on Debian: the ip-up.d scripts that merge the peer's DNS and add
    /// routes) right after the address is set and it detached. Until that child is done, routes
    /// and DNS are not what the user will get, so the status of an Up link is read after it.
    /// pppd detaches first and forks the script a moment later: while the script is installed but
    /// not seen yet, "none running" means "not started yet", so it is awaited a short while.
    /// </summary>
    private async Task IpUpScriptsDoneAsync(int pppdPid, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var processes = _discovery.Processes;
        var now = _time.GetUtcNow();
        var until = Min(deadline, now + IpUpScriptsLimit);
        var startBy = File.Exists(_paths.IpUpScript) ? Min(until, now + IpUpScriptStartWait) : now;
        var seen = false;
        while (_time.GetUtcNow() < until)
        {
            var running = processes.ChildrenOf(pppdPid).Any(IsIpUpScript);
            if (!running && (seen || _time.GetUtcNow() >= startBy || !processes.IsAlive(pppdPid))) return;
            seen |= running;
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long a dial we started may take to write its pid files once pppd's parent is gone.</summary>
    public static readonly TimeSpan PidFilesWait = TimeSpan.FromSeconds(2);

    /// <summary>How long an Up waits for pppd's ip-up scripts at most (a hung script must not hang connect).</summary>
    public static readonly TimeSpan IpUpScriptsLimit = TimeSpan.FromSeconds(10);

    /// <summary>How long an installed ip-up may take to appear after pppd detached (pppd forks it at once;
    /// a script too quick to be seen costs at most this).</summary>
    public static readonly TimeSpan IpUpScriptStartWait = TimeSpan.FromMilliseconds(500);

    // The script runs as itself or through its interpreter ("/bin/sh /etc/ppp/ip-up ppp0 ...").
    private static bool IsIpUpScript(ProcessInfo process) =>
        process.CommandLine.Take(2).Any(a => Path.GetFileName(a) == "ip-up");

    private bool HasDetached(string name, int parent) =>
        !_discovery.Processes.IsAlive(parent) && _discovery.Scan().Find(name).Any(link => link.Pid != parent);

    private async Task ParentGoneAsync(int pid, CancellationToken cancellationToken)
    {
        var processes = _discovery.Processes;
        var until = _time.GetUtcNow() + TimeSpan.FromSeconds(2);
        while (processes.IsAlive(pid) && _time.GetUtcNow() < until)
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
    }

    private ConnectOutcome TimedOut(string name, LinkStateMachine machine, int? pid)
    {
        var who = pid is { } p ? $"pppd (pid {p})" : "pppd";
        var reason = $"not up yet ({machine.State.Describe()}); {who} keeps trying on its own. " +
                     $"Watch it with 'ppptui status {name}', stop it with 'ppptui disconnect {name}'.";
        // A persist link that keeps failing has already said why in its lines.
        var why = machine.Lines.Count > 0
            ? _diagnoser.Explain(machine.Lines, null, DiagnosisContexts.For(name, new PeerOptions(_options.Read(name))))
            : null;
        return new ConnectOutcome(name, machine.State, reason, null, why, null, false, true, machine.Lines.ToList());
    }

    private async Task PumpAsync(CommandSpec spec, ChannelWriter<LinkObservation> writer)
    {
        try
        {
            // Never cancelled: stopping the wait must not kill pppd (CliWrap would kill it).
            await foreach (var e in _runner.StreamAsync(spec, CancellationToken.None).ConfigureAwait(false))
            {
                LinkObservation? observation = e switch
                {
                    CommandStarted s => new PppdPidKnown(s.ProcessId),
                    CommandOutputLine l => new PppdOutput(l.Text),
                    CommandExited x => new PppdExited(x.ExitCode),
                    _ => null,
                };
                if (observation is not null) writer.TryWrite(observation);
            }
        }
        catch (Exception ex)
        {
            writer.TryWrite(new PppdOutput($"ppptui: could not run {spec.Program}: {ex.Message}"));
            writer.TryWrite(new PppdExited(127));
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static async Task<LinkObservation?> NextAsync(ChannelReader<LinkObservation> reader, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        if (reader.TryRead(out var ready)) return ready;
        using var slice = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        slice.CancelAfter(wait);
        try
        {
            if (await reader.WaitToReadAsync(slice.Token).ConfigureAwait(false) && reader.TryRead(out var next)) return next;
            // The stream ended without an exit event: treat it as a failure to run pppd.
            if (reader.Completion.IsCompleted) return new PppdExited(127);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
