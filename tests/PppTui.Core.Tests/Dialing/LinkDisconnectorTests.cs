namespace PppTui.Core.Tests.Dialing;

public class LinkDisconnectorTests
{
    private static LinkDisconnector Disconnector(FakeSystem sys, IProcessSignals signals) =>
        new(sys.Paths, signals, poll: TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task Disconnect_sends_sigterm_to_that_links_pppd_only_and_reports_it_down()
    {
        using var sys = new FakeSystem()
            .Pppd(6001, "call", "myvpn", "updetach", "linkname", "myvpn").LinkPidFile("myvpn", 6001, "ppp0")
            .Pppd(6002, "call", "dsl", "updetach", "linkname", "dsl").LinkPidFile("dsl", 6002, "ppp1");
        var signals = new FakeProcessSignals().Running(6001).Running(6002);
        var events = new List<LinkEvent>();

        var outcome = await Disconnector(sys, signals).DisconnectAsync("myvpn", force: false, onEvent: events.Add);

        Assert.NotNull(outcome);
        Assert.True(outcome!.Stopped);
        Assert.False(outcome.Forced);
        Assert.Equal([(6001, ProcessSignal.Terminate)], signals.Sent);
        Assert.True(signals.IsAlive(6002));
        Assert.Equal([LinkState.Disconnecting, LinkState.Down], events.OfType<LinkStateChanged>().Select(e => e.New));
        Assert.Equal("disconnected on request", events.OfType<LinkDown>().Single().Reason);
    }

    [Fact]
    public async Task A_pppd_that_ignores_sigterm_is_left_running_without_force()
    {
        using var sys = new FakeSystem().Pppd(6003, "call", "stuck");
        var signals = new FakeProcessSignals().Running(6003, ignoresSigterm: true);

        var outcome = await Disconnector(sys, signals).DisconnectAsync("stuck", force: false, wait: TimeSpan.FromMilliseconds(50));

        Assert.False(outcome!.Stopped);
        Assert.Contains("--force", outcome.Message);
        Assert.DoesNotContain(signals.Sent, s => s.Signal == ProcessSignal.Kill);
    }

    [Fact]
    public async Task Force_sends_sigkill_after_the_wait_and_removes_the_pid_files_it_left()
    {
        using var sys = new FakeSystem()
            .Pppd(6004, "call", "stuck", "updetach", "linkname", "stuck")
            .LinkPidFile("stuck", 6004, "ppp0").InterfacePidFile("ppp0", 6004);
        var signals = new FakeProcessSignals().Running(6004, ignoresSigterm: true);

        var outcome = await Disconnector(sys, signals).DisconnectAsync("stuck", force: true, wait: TimeSpan.FromMilliseconds(50));

        Assert.True(outcome!.Stopped);
        Assert.True(outcome.Forced);
        Assert.Equal([(6004, ProcessSignal.Terminate), (6004, ProcessSignal.Kill)], signals.Sent);
        Assert.Equal(2, outcome.RemovedPidFiles.Count);
        Assert.False(File.Exists(Path.Combine(sys.Paths.RunDir, "ppp-stuck.pid")));
    }

    [Fact]
    public async Task Disconnecting_a_persist_link_between_redials_finds_it_by_process()
    {
        using var sys = new FakeSystem().Pppd(6005, "call", "dsl-provider");
        var signals = new FakeProcessSignals().Running(6005);

        var outcome = await Disconnector(sys, signals).DisconnectAsync("dsl-provider", force: false);

        Assert.True(outcome!.Stopped);
        Assert.Equal([(6005, ProcessSignal.Terminate)], signals.Sent);
    }

    [Fact]
    public async Task A_link_that_is_not_running_is_reported_as_such_and_nothing_is_signalled()
    {
        using var sys = new FakeSystem().Process(6006, ["/usr/bin/sleep", "100"]);
        var signals = new FakeProcessSignals().Running(6006);

        Assert.Null(await Disconnector(sys, signals).DisconnectAsync("myvpn", force: true));
        Assert.Empty(signals.Sent);
    }

    [Fact]
    public async Task Stale_pid_files_pointing_at_another_program_are_removed_and_that_program_is_never_signalled()
    {
        using var sys = new FakeSystem()
            .Process(6007, ["/usr/bin/vim"])
            .LinkPidFile("myvpn", 6007, "ppp0");
        var signals = new FakeProcessSignals().Running(6007);

        var outcome = await Disconnector(sys, signals).DisconnectAsync("myvpn", force: true);

        Assert.Empty(signals.Sent);
        Assert.True(outcome!.Stopped);
        Assert.Contains("already down", outcome.Message);
        Assert.Single(outcome.RemovedPidFiles);
    }

    [Fact]
    public async Task A_real_process_dies_from_the_sigterm_disconnect_sends()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            // The fake /proc says this pid is pppd for "real"; the signal itself is real.
            using var sys = new FakeSystem().Pppd(child.Id, "call", "real");

            var outcome = await Disconnector(sys, new ProcessSignals()).DisconnectAsync("real", force: false, wait: TimeSpan.FromSeconds(10));

            Assert.True(outcome!.Stopped, outcome.Message);
            Assert.True(child.WaitForExit(5000));
            Assert.True(child.HasExited);
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }
    }
}

public class ProcessSignalsTests
{
    [Fact]
    public void Sigterm_ends_a_real_child_and_it_then_reads_as_gone()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var signals = new ProcessSignals();
        try
        {
            Assert.True(signals.IsAlive(child.Id));

            Assert.Equal(SignalResult.Sent, signals.Send(child.Id, ProcessSignal.Terminate));

            Assert.True(child.WaitForExit(5000));
            Assert.False(signals.IsAlive(child.Id));
            Assert.Equal(SignalResult.NoSuchProcess, signals.Send(child.Id, ProcessSignal.Terminate));
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(-1234)]
    public void Process_groups_init_and_everyone_are_never_signalled(int pid)
    {
        var signals = new ProcessSignals();

        Assert.Equal(SignalResult.Failed, signals.Send(pid, ProcessSignal.Terminate));
        Assert.False(signals.IsAlive(pid));
    }

    [Fact]
    public void This_process_is_alive()
    {
        Assert.True(new ProcessSignals().IsAlive(Environment.ProcessId));
    }
}
