namespace PppTui.Core.Tests.Dialing;

/// <summary>A temporary root with the pieces of /etc/ppp, /run, /proc and /sys/class/net a test needs.</summary>
public sealed class FakeSystem : IDisposable
{
    public FakeSystem()
    {
        Root = Path.Combine(Path.GetTempPath(), "ppptui-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Paths = new SystemPaths(Root);
        Directory.CreateDirectory(Paths.PeersDir);
        Directory.CreateDirectory(Paths.RunDir);
        Directory.CreateDirectory(Paths.Proc);
        Directory.CreateDirectory(Paths.SysClassNet);
    }

    public string Root { get; }
    public SystemPaths Paths { get; }

    public FakeSystem Peer(string name, string text)
    {
        File.WriteAllText(Paths.PeerFile(name), text);
        return this;
    }

    public FakeSystem File_(string systemPath, string text)
    {
        var path = Paths.Under(systemPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>A process in the fake /proc: cmdline NUL-separated, stat with a state and start ticks.</summary>
    public FakeSystem Process(int pid, string[] commandLine, char state = 'S', long startTicks = 12345, int parentPid = 1)
    {
        var dir = Path.Combine(Paths.Proc, pid.ToString());
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "cmdline"), string.Join('\0', commandLine) + "\0");
        var fields = new List<string> { state.ToString(), parentPid.ToString() };
        fields.AddRange(Enumerable.Repeat("0", 17));
        fields.Add(startTicks.ToString());
        fields.AddRange(Enumerable.Repeat("0", 5));
        File.WriteAllText(Path.Combine(dir, "stat"), $"{pid} ({Path.GetFileName(commandLine[0])}) {string.Join(' ', fields)}\n");
        return this;
    }

    public FakeSystem Pppd(int pid, params string[] args) => Process(pid, ["/usr/sbin/pppd", .. args]);

    /// <summary>/proc/PID/ns/net (PID may be "self") as the kernel shows it: a link to "net:[INODE]".</summary>
    public FakeSystem NetworkNamespace(string pid, long inode)
    {
        var dir = Path.Combine(Paths.Proc, pid, "ns");
        Directory.CreateDirectory(dir);
        File.CreateSymbolicLink(Path.Combine(dir, "net"), $"net:[{inode}]");
        return this;
    }

    public FakeSystem Kill(int pid)
    {
        var dir = Path.Combine(Paths.Proc, pid.ToString());
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return this;
    }

    public FakeSystem LinkPidFile(string linkName, int pid, string? iface)
    {
        File.WriteAllText(Path.Combine(Paths.RunDir, $"ppp-{linkName}.pid"), iface is null ? $"{pid}\n" : $"{pid}\n{iface}\n");
        return this;
    }

    public FakeSystem InterfacePidFile(string iface, int pid)
    {
        File.WriteAllText(Path.Combine(Paths.RunDir, $"{iface}.pid"), $"{pid}\n");
        return this;
    }

    /// <summary>/sys/class/net/IFACE with mtu, flags (0x10d1 = up, running, point-to-point) and counters.</summary>
    public FakeSystem Interface(string iface, int mtu = 1500, int flags = 0x10d1, long rx = 0, long tx = 0, string operstate = "unknown")
    {
        var dir = Path.Combine(Paths.SysClassNet, iface);
        Directory.CreateDirectory(Path.Combine(dir, "statistics"));
        File.WriteAllText(Path.Combine(dir, "mtu"), $"{mtu}\n");
        File.WriteAllText(Path.Combine(dir, "flags"), $"0x{flags:x}\n");
        File.WriteAllText(Path.Combine(dir, "operstate"), operstate + "\n");
        File.WriteAllText(Path.Combine(dir, "statistics", "rx_bytes"), $"{rx}\n");
        File.WriteAllText(Path.Combine(dir, "statistics", "tx_bytes"), $"{tx}\n");
        return this;
    }

    public FakeSystem RemoveInterface(string iface)
    {
        var dir = Path.Combine(Paths.SysClassNet, iface);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>JSON as iproute2 prints it, for the fake runner.</summary>
public static class IpJson
{
    public static string PppAddress(string iface, string local, string peer, int mtu = 1412) =>
        $$"""[{"ifindex":5,"ifname":"{{iface}}","flags":["POINTOPOINT","MULTICAST","NOARP","UP","LOWER_UP"],"mtu":{{mtu}},"qdisc":"fq_codel","operstate":"UNKNOWN","group":"default","txqlen":3,"link_type":"ppp","addr_info":[{"family":"inet","local":"{{local}}","address":"{{peer}}","prefixlen":32,"scope":"global","label":"{{iface}}","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]""";

    public static string NoAddress(string iface) =>
        $$"""[{"ifindex":5,"ifname":"{{iface}}","flags":["POINTOPOINT","MULTICAST","NOARP"],"mtu":1500,"qdisc":"noop","operstate":"DOWN","group":"default","txqlen":3,"link_type":"ppp","addr_info":[]}]""";

    /// <summary>eth0 holds the default route; <paramref name="extra"/> adds routes as JSON objects.</summary>
    public static string Routes(params string[] extra) =>
        "[" + string.Join(",", new[]
        {
            """{"dst":"default","gateway":"192.0.2.1","dev":"eth0","protocol":"static","metric":100,"flags":[]}""",
            """{"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.2","flags":[]}""",
        }.Concat(extra)) + "]";

    public static string DefaultVia(string iface) =>
        $$"""{"dst":"default","dev":"{{iface}}","scope":"link","flags":[]}""";

    public static string PeerRoute(string peer, string iface, string local) =>
        $$"""{"dst":"{{peer}}","dev":"{{iface}}","protocol":"kernel","scope":"link","prefsrc":"{{local}}","flags":[]}""";
}

/// <summary>
/// Records every spec; answers RunAsync from a table of handlers (by program and first
/// arguments) and StreamAsync from a script the test supplies.
/// </summary>
public sealed class FakeCommandRunner : ICommandRunner
{
    private readonly List<CommandSpec> _specs = [];
    private readonly Lock _gate = new();

    public Func<CommandSpec, CommandResult> Run { get; set; } = _ => new CommandResult(0, "[]", "", TimeSpan.Zero);

    public Func<CommandSpec, CancellationToken, IAsyncEnumerable<CommandEvent>> Stream { get; set; } = (_, _) => Empty();

    public IReadOnlyList<CommandSpec> Specs
    {
        get
        {
            lock (_gate) return _specs.ToList();
        }
    }

    public bool StreamWasCancelled { get; private set; }

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        lock (_gate) _specs.Add(spec);
        return Task.FromResult(Run(spec));
    }

    public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (_gate) _specs.Add(spec);
        if (cancellationToken.CanBeCanceled) cancellationToken.Register(() => StreamWasCancelled = true);
        await foreach (var e in Stream(spec, cancellationToken)) yield return e;
    }

    /// <summary>Answers ip and resolvectl the way a system with the given outputs would.</summary>
    public static Func<CommandSpec, CommandResult> Ip(string routesJson, Func<string, string>? addressesOf = null,
        string? resolvectl = null) => spec =>
    {
        var args = spec.Arguments;
        if (spec.Program == "ip" && args.Contains("route")) return Ok(routesJson);
        if (spec.Program == "ip" && args.Contains("addr")) return Ok(addressesOf?.Invoke(args[^1]) ?? "[]");
        if (spec.Program == "resolvectl" && resolvectl is not null) return Ok(resolvectl);
        return new CommandResult(1, "", spec.Program + ": not faked", TimeSpan.Zero);
    };

    public static CommandResult Ok(string stdout) => new(0, stdout, "", TimeSpan.Zero);

    public static async IAsyncEnumerable<CommandEvent> Script(IEnumerable<CommandEvent> events, Action? beforeExit = null,
        TimeSpan? delay = null)
    {
        foreach (var e in events)
        {
            if (delay is { } d) await Task.Delay(d);
            if (e is CommandExited) beforeExit?.Invoke();
            yield return e;
        }
    }

    private static async IAsyncEnumerable<CommandEvent> Empty()
    {
        await Task.CompletedTask;
        yield break;
    }
}

/// <summary>
/// A diagnoser with a handful of real rules (enough to tell a wrong password from a dead peer),
/// recording what it was asked, so tests see what the dialer hands it.
/// </summary>
public sealed class FakeLinkDiagnoser : ILinkDiagnoser
{
    private static readonly (Regex Pattern, string Code, DiagnosisSeverity Severity, int? Status)[] Rules =
    [
        (new Regex(@"^MS-CHAP authentication failed: E=691"), "auth-failed", DiagnosisSeverity.Failure, 19),
        (new Regex(@"^(LCP|IPCP): timeout sending Config-Requests"), "lcp-timeout", DiagnosisSeverity.Failure, 10),
        (new Regex(@"^not replacing default route to"), "default-route-not-added", DiagnosisSeverity.Warning, null),
        (new Regex(@"^IPv6 socket creation failed"), "ipv6-off", DiagnosisSeverity.Info, null),
        (new Regex(@"^Modem hangup"), "hangup", DiagnosisSeverity.Failure, 16),
    ];

    public List<(IReadOnlyList<string> Lines, int? Exit)> ExplainCalls { get; } = [];

    public Diagnosis? MatchLine(string message, DiagnosisContext context)
    {
        foreach (var (pattern, code, severity, status) in Rules)
            if (pattern.IsMatch(message))
                return new Diagnosis(code, severity, $"{code} for {context.ProfileName}", "fix " + code, message, status);
        return null;
    }

    public Diagnosis ForExitStatus(int exitStatus, DiagnosisContext context) =>
        new("exit-" + exitStatus, DiagnosisSeverity.Failure, $"pppd exited {exitStatus}", "read the log", $"exit {exitStatus}", exitStatus);

    public Diagnosis? Explain(IReadOnlyList<string> messages, int? exitStatus, DiagnosisContext context)
    {
        ExplainCalls.Add((messages.ToList(), exitStatus));
        // The first failure is the cause; what follows (Modem hangup, ...) is its consequence.
        var failure = messages.Select(m => MatchLine(m, context)).FirstOrDefault(d => d?.Severity == DiagnosisSeverity.Failure);
        if (failure is not null) return failure with { ExitStatus = exitStatus ?? failure.ExitStatus };
        return exitStatus is { } s ? ForExitStatus(s, context) : null;
    }
}

/// <summary>Signals that only record: a test says which pids die on which signal.</summary>
public sealed class FakeProcessSignals : IProcessSignals
{
    private readonly HashSet<int> _alive = [];
    private readonly HashSet<int> _ignoresTerm = [];

    public List<(int Pid, ProcessSignal Signal)> Sent { get; } = [];

    public FakeProcessSignals Running(int pid, bool ignoresSigterm = false)
    {
        _alive.Add(pid);
        if (ignoresSigterm) _ignoresTerm.Add(pid);
        return this;
    }

    /// <summary>Called when a pid dies, so the fake /proc can follow.</summary>
    public Action<int>? OnDeath { get; set; }

    public SignalResult Send(int pid, ProcessSignal signal)
    {
        Sent.Add((pid, signal));
        if (!_alive.Contains(pid)) return SignalResult.NoSuchProcess;
        if (signal == ProcessSignal.Kill || (signal == ProcessSignal.Terminate && !_ignoresTerm.Contains(pid)))
        {
            _alive.Remove(pid);
            OnDeath?.Invoke(pid);
        }
        return SignalResult.Sent;
    }

    public bool IsAlive(int pid) => _alive.Contains(pid);
}

/// <summary>Real pppd 2.4.9 output, as the lab and field logs show it.</summary>
public static class PppdLogs
{
    public static readonly string[] PptpUp =
    [
        "Using interface ppp0",
        "Connect: ppp0 <--> /dev/pts/1",
        "anon log[ctrlp_disp:pptp_ctrl.c:805]: Outgoing call established (call ID 0, peer's call ID 1).",
        "CHAP authentication succeeded",
        "MPPE 128-bit stateless compression enabled",
        "local  IP address 198.51.100.10",
        "remote IP address 198.51.100.1",
        "primary   DNS address 198.51.100.53",
    ];

    public static readonly string[] PppoeUp =
    [
        "Plugin rp-pppoe.so loaded.",
        "PPP session is 1",
        "Connected to 02:00:00:00:00:01 via interface eth-isp",
        "Using interface ppp0",
        "Connect: ppp0 <--> eth-isp",
        "CHAP authentication succeeded",
        "peer from calling number 02:00:00:00:00:01 authorized",
        "local  IP address 203.0.113.10",
        "remote IP address 203.0.113.1",
    ];

    public static readonly string[] ModemUp =
    [
        "abort on (BUSY)",
        "send (AT^M)",
        "expect (OK)",
        "AT^M^M",
        "OK",
        " -- got it",
        "send (ATD*99#^M)",
        "expect (CONNECT)",
        "CONNECT",
        " -- got it",
        "Serial connection established.",
        "Using interface ppp0",
        "Connect: ppp0 <--> /dev/ttyUSB0",
        "IPv6 socket creation failed",
        "local  IP address 10.64.0.2",
        "remote IP address 10.64.0.1",
    ];

    public static readonly string[] PptpWrongPassword =
    [
        "Using interface ppp0",
        "Connect: ppp0 <--> /dev/pts/1",
        "anon log[ctrlp_disp:pptp_ctrl.c:805]: Outgoing call established (call ID 0, peer's call ID 1).",
        "MS-CHAP authentication failed: E=691 Authentication failure",
        "CHAP authentication failed",
        "Connection terminated.",
        "Modem hangup",
    ];

    public static readonly string[] GreBlocked =
    [
        "Using interface ppp0",
        "Connect: ppp0 <--> /dev/pts/1",
        "anon log[ctrlp_disp:pptp_ctrl.c:805]: Outgoing call established (call ID 0, peer's call ID 1).",
        "LCP: timeout sending Config-Requests",
        "Connection terminated.",
        "Modem hangup",
    ];
}
