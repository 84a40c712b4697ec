namespace PppTui.Tests.Tui.Fakes;

/// <summary>
/// A sandbox root for the adapters: real files under a temp folder (etc/ppp, etc/ppptui, a fake
/// /proc, /run and /sys/class/net so link discovery finds what a test says runs), and the
/// field report's myvpn profile ready to import.
/// </summary>
public sealed class Sandbox : IDisposable
{
    public const string MyVpnPeers =
        "remotename myvpn\nlinkname myvpn\nipparam myvpn\npty \"pptp 192.0.2.1 --nolaunchpppd --loglevel 0\"\nlock\nnodeflate\n" +
        "name labuser\nusepeerdns\nrequire-mppe\nnoauth\nrequire-mppe-128\ndefaultroute\nmtu 1416 #critical!!!\n";

    public Sandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "ppptui-tui-" + Guid.NewGuid().ToString("N"));
        Paths = new SystemPaths(Root);
        foreach (var dir in new[] { Paths.PeersDir, Paths.ProfilesDir, Paths.RunDir, Paths.Proc, Paths.SysClassNet, Paths.VarLog })
            Directory.CreateDirectory(dir);
        Service = new ProfileService(Paths);
    }

    public string Root { get; }
    public SystemPaths Paths { get; }
    public ProfileService Service { get; }

    /// <summary>The field report's peers file and its secret, imported as a profile.</summary>
    public Sandbox WithMyVpn(string secret = "lab-pass-1")
    {
        File.WriteAllText(Paths.PeerFile("myvpn"), MyVpnPeers);
        Write("/etc/ppp/chap-secrets", $"# client server secret addresses\nlabuser\tmyvpn\t\"{secret}\"\t*\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Write("/etc/ppp/options", "lock\nauth\nlcp-echo-interval 30\n");
        Service.Import(["myvpn"]);
        return this;
    }

    public Sandbox Write(string systemPath, string text, UnixFileMode? mode = null)
    {
        var path = Paths.Under(systemPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        if (mode is { } m) File.SetUnixFileMode(path, m);
        return this;
    }

    public string Read(string systemPath) => File.ReadAllText(Paths.Under(systemPath));

    /// <summary>What pppd leaves behind once a link is up: its process, pid files and the interface.</summary>
    public void RunningPppd(int pid, string name, string iface = "ppp0", int mtu = 1412, long rx = 2048, long tx = 1024)
    {
        var proc = Path.Combine(Paths.Proc, pid.ToString());
        Directory.CreateDirectory(proc);
        File.WriteAllText(Path.Combine(proc, "cmdline"), $"/usr/sbin/pppd\0call\0{name}\0updetach\0");
        File.WriteAllText(Path.Combine(Paths.RunDir, $"ppp-{name}.pid"), $"{pid}\n{iface}\n");
        File.WriteAllText(Path.Combine(Paths.RunDir, $"{iface}.pid"), $"{pid}\n");
        var net = Path.Combine(Paths.SysClassNet, iface);
        Directory.CreateDirectory(Path.Combine(net, "statistics"));
        File.WriteAllText(Path.Combine(net, "mtu"), $"{mtu}\n");
        File.WriteAllText(Path.Combine(net, "flags"), "0x10d1\n");
        File.WriteAllText(Path.Combine(net, "statistics", "rx_bytes"), $"{rx}\n");
        File.WriteAllText(Path.Combine(net, "statistics", "tx_bytes"), $"{tx}\n");
    }

    /// <summary>The pppd is gone and took its pid files and interface with it (as after SIGTERM).</summary>
    public void PppdGone(int pid, string name, string iface = "ppp0")
    {
        Directory.Delete(Path.Combine(Paths.Proc, pid.ToString()), recursive: true);
        File.Delete(Path.Combine(Paths.RunDir, $"ppp-{name}.pid"));
        File.Delete(Path.Combine(Paths.RunDir, $"{iface}.pid"));
        Directory.Delete(Path.Combine(Paths.SysClassNet, iface), recursive: true);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>
/// Answers <c>ip</c> like a system with one ppp link (addresses of ppp0, a route table given by
/// the test) and plays a scripted pppd for the dial, running a hook just before pppd "exits".
/// </summary>
public sealed class FakeDialRunner : ICommandRunner
{
    public string Routes { get; set; } = """[{"dst":"default","gateway":"192.0.2.254","dev":"eth0","protocol":"dhcp","metric":100,"flags":[]}]""";
    public CommandEvent[] Dial { get; set; } = [new CommandExited(1)];
    public Action? BeforeExit { get; set; }
    public List<CommandSpec> DialSpecs { get; } = [];

    /// <summary>Answers other commands (systemctl, ...) before the ip answers; null falls through to them.</summary>
    public Func<CommandSpec, Task<CommandResult>?>? Other { get; set; }

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        if (Other?.Invoke(spec) is { } answer) return answer;
        var output = spec.Arguments.Contains("route") ? Routes
            : spec.Arguments.Contains("addr") && !spec.Arguments.Contains("dev")
                ? """[{"ifname":"eth0","operstate":"UP","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24}]}]"""
            : spec.Arguments.Contains("addr")
                ? $$"""[{"ifname":"{{spec.Arguments[^1]}}","flags":["POINTOPOINT","UP","LOWER_UP"],"mtu":1412,"addr_info":[{"family":"inet","local":"198.51.100.10","address":"198.51.100.1","prefixlen":32}]}]"""
                : "";
        return Task.FromResult(new CommandResult(0, output, "", TimeSpan.Zero));
    }

    public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (DialSpecs) DialSpecs.Add(spec);
        foreach (var e in Dial)
        {
            await Task.Yield();
            if (e is CommandExited) BeforeExit?.Invoke();
            yield return e;
        }
    }

    /// <summary>pppd's lines for the field report's link coming up.</summary>
    public static readonly string[] PptpUp =
    [
        "Using interface ppp0",
        "Connect: ppp0 <--> /dev/pts/1",
        "CHAP authentication succeeded",
        "MPPE 128-bit stateless compression enabled",
        "local  IP address 198.51.100.10",
        "remote IP address 198.51.100.1",
        "primary   DNS address 198.51.100.53",
    ];

    /// <summary>A pppd (pid 100) that prints <see cref="PptpUp"/> and exits 0, as pppd's parent does once the link is up.</summary>
    public static CommandEvent[] PptpDialUp => [new CommandStarted(100), .. PptpUp.Select(l => new CommandOutputLine(l, false)), new CommandExited(0)];
}

/// <summary>Signals that only record; a hook plays the process's death.</summary>
public sealed class FakeSignals : IProcessSignals
{
    private readonly HashSet<int> _dead = [];
    public List<(int Pid, ProcessSignal Signal)> Sent { get; } = [];
    public Action<int>? OnTerm { get; set; }

    public SignalResult Send(int pid, ProcessSignal signal)
    {
        Sent.Add((pid, signal));
        _dead.Add(pid);
        OnTerm?.Invoke(pid);
        return SignalResult.Sent;
    }

    public bool IsAlive(int pid) => !_dead.Contains(pid);
}

public sealed class FakePppLog : IPppLogReader
{
    public string Source => "/var/log/syslog";
    public IReadOnlyList<PppLogEntry> ReadRecent(int maxEntries) => [];
}

public static class FakeLinks
{
    /// <summary>A link manager over the sandbox with the real diagnosis catalog and short timings.</summary>
    /// <param name="paths">Another root than the sandbox's (the live system's "/", to see the root check).</param>
    public static LinkManager Manager(Sandbox sandbox, FakeDialRunner runner, FakeSignals signals, bool isRoot = true, SystemPaths? paths = null) =>
        new(new LinkServices(paths ?? sandbox.Paths, runner, signals, new PeerOptionsFileReader(paths ?? sandbox.Paths), new CatalogDiagnoser(),
            new FakePppLog(), new PppdCommands("pppd"), () => isRoot, TimeProvider.System,
            new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20))));
}

/// <summary>
/// A profile folder that takes as long as the test wants: <see cref="Read"/> blocks until
/// <see cref="Release"/> (or, so a broken build fails instead of hanging, until a safety timeout),
/// then reads the real folder.
/// </summary>
public sealed class FakeSlowProfileFolder(ProfileService service) : IDisposable
{
    private readonly ManualResetEventSlim _released = new();
    private volatile bool _finished;

    /// <summary>A read has returned (after <see cref="Release"/> or the safety timeout).</summary>
    public bool Finished => _finished;

    /// <summary>A read gave up waiting for <see cref="Release"/>.</summary>
    public bool TimedOut { get; private set; }

    public ProfileCatalog Read()
    {
        if (!_released.Wait(TimeSpan.FromSeconds(5))) TimedOut = true;
        var catalog = service.List();
        _finished = true;
        return catalog;
    }

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
    }
}
