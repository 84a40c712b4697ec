namespace PppTui.Core.Tests.Dialing;

/// <summary>
/// Dials through the real CliWrap runner with a small stand-in for pppd: a script that logs
/// like pppd, leaves a helper holding its stdout (as pptp does), writes the pid files of its
/// "detached child" and exits 0. Only ip is faked.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class RealProcessDialTests
{
    [Fact]
    public async Task Up_is_reported_while_a_helper_still_holds_the_output_pipe()
    {
        using var sys = new FakeSystem().Peer("myvpn", "linkname myvpn\nmtu 1416\nrequire-mppe-128\n");
        var helperPidFile = Path.Combine(sys.Root, "helper.pid");
        var script = Path.Combine(sys.Root, "fake-pppd");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            echo "Using interface ppp0"
            echo "Connect: ppp0 <--> /dev/pts/1"
            sleep 60 &
            echo $! > '{{helperPidFile}}'
            echo "CHAP authentication succeeded"
            echo "local  IP address 198.51.100.10"
            echo "remote IP address 198.51.100.1"
            mkdir -p '{{sys.Paths.Proc}}/4242' '{{sys.Paths.SysClassNet}}/ppp0/statistics'
            printf '/usr/sbin/pppd\0call\0myvpn\0updetach\0' > '{{sys.Paths.Proc}}/4242/cmdline'
            printf '4242\nppp0\n' > '{{sys.Paths.RunDir}}/ppp-myvpn.pid'
            echo 1412 > '{{sys.Paths.SysClassNet}}/ppp0/mtu'
            echo 0x10d1 > '{{sys.Paths.SysClassNet}}/ppp0/flags'
            echo 0 > '{{sys.Paths.SysClassNet}}/ppp0/statistics/rx_bytes'
            echo 0 > '{{sys.Paths.SysClassNet}}/ppp0/statistics/tx_bytes'
            exit 0
            """.Replace("\r", ""));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runner = new RealStreamFakeIp(FakeCommandRunner.Ip(IpJson.Routes(), i => IpJson.PppAddress(i, "198.51.100.10", "198.51.100.1")));
        var dialer = new LinkDialer(sys.Paths, runner, new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(),
            new PppdCommands(script), timings: new DialTimings(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)));
        try
        {
            var outcome = await dialer.ConnectAsync("myvpn", TimeSpan.FromSeconds(20));

            Assert.True(outcome.IsUp, outcome.Reason);
            Assert.False(outcome.TimedOut);
            Assert.Equal(4242, outcome.Status!.Pid);
            Assert.Equal("1416 configured, 1412 after MPPE (MPPE takes 4 bytes)", outcome.Status.MtuNote);
            Assert.Contains("CHAP authentication succeeded", outcome.Lines);
        }
        finally
        {
            if (File.Exists(helperPidFile) && int.TryParse(File.ReadAllText(helperPidFile).Trim(), out var helper))
                new ProcessSignals().Send(helper, ProcessSignal.Terminate);
        }
    }

    [Fact]
    public async Task A_stand_in_that_fails_is_down_with_its_exit_status_and_stderr_line()
    {
        using var sys = new FakeSystem().Peer("myvpn", "linkname myvpn\n");
        var script = Path.Combine(sys.Root, "fake-pppd");
        File.WriteAllText(script, "#!/bin/sh\necho \"Couldn't open the /dev/ppp device: No such device or address\" >&2\nexit 4\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dialer = new LinkDialer(sys.Paths, new CliWrapCommandRunner(), new PeerOptionsFileReader(sys.Paths), new CatalogDiagnoser(),
            new PppdCommands(script));

        var outcome = await dialer.ConnectAsync("myvpn", TimeSpan.FromSeconds(20));

        Assert.Equal(LinkState.Down, outcome.State);
        Assert.Equal(4, outcome.ExitStatus);
        Assert.Equal("no-kernel-ppp", outcome.Diagnosis!.Code);
        Assert.Equal("Couldn't open the /dev/ppp device: No such device or address", outcome.Diagnosis.Evidence);
    }

    private sealed class RealStreamFakeIp(Func<CommandSpec, CommandResult> ip) : ICommandRunner
    {
        private readonly CliWrapCommandRunner _real = new();

        public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default) => Task.FromResult(ip(spec));

        public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var e in _real.StreamAsync(spec, cancellationToken)) yield return e;
        }
    }
}
