namespace PppTui.Core.Tests.Systemd;

public class ServiceManagerTests
{
    private const string Show = "systemctl show -p LoadState,ActiveState,SubState,UnitFileState,MainPID,Result,ExecMainStatus,ActiveEnterTimestamp ppptui@office.service";

    private static string ShowOutput(string active, string sub = "running", string fileState = "enabled", int pid = 812, int status = 0) =>
        $"LoadState=loaded\nActiveState={active}\nSubState={sub}\nUnitFileState={fileState}\nMainPID={pid}\nResult=success\nExecMainStatus={status}\nActiveEnterTimestamp=Mon 2025-11-24 10:00:00 UTC\n";

    private static SandboxRoot WithPeers()
    {
        var sandbox = new SandboxRoot();
        sandbox.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nnoauth\n");
        return sandbox;
    }

    [Fact]
    public async Task Enable_writes_the_unit_reloads_systemd_and_enables_and_starts_the_instance()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner().On("systemctl", ["show"], 0, ShowOutput("active"));
        var manager = new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running);

        var result = await manager.EnableAsync("office");

        Assert.Equal(
            ["systemctl daemon-reload", "systemctl enable --now --no-block ppptui@office.service", Show],
            runner.CommandLines);
        Assert.All(runner.Commands, c => Assert.Equal("systemctl", c.Program));
        Assert.Equal("/etc/systemd/system/ppptui@.service", result.UnitFileWritten);
        Assert.Equal(SystemdUnits.RenderTemplate("/usr/sbin/pppd"), sandbox.Read("/etc/systemd/system/ppptui@.service"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(sandbox.PathOf("/etc/systemd/system/ppptui@.service")));
        Assert.True(result.Status.Active);
        Assert.True(result.Status.Enabled);
        Assert.Equal(812, result.Status.MainPid);
        Assert.Equal("enabled, active (running), pppd pid 812", result.Status.Describe());
    }

    [Fact]
    public async Task Enabling_again_writes_nothing_and_skips_the_reload()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner().On("systemctl", ["show"], 0, ShowOutput("active"));
        var manager = new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running);
        await manager.EnableAsync("office");
        runner.Commands.Clear();

        var again = await manager.EnableAsync("office");

        Assert.Null(again.UnitFileWritten);
        Assert.Equal(["systemctl enable --now --no-block ppptui@office.service", Show], runner.CommandLines);
    }

    [Fact]
    public async Task A_packaged_identical_unit_is_used_as_it_is()
    {
        using var sandbox = WithPeers();
        sandbox.Write("/lib/systemd/system/ppptui@.service", SystemdUnits.RenderTemplate("/usr/sbin/pppd"));
        var runner = new FakeServiceRunner().On("systemctl", ["show"], 0, ShowOutput("active"));

        var result = await new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running).EnableAsync("office");

        Assert.Null(result.UnitFileWritten);
        Assert.False(sandbox.Exists("/etc/systemd/system/ppptui@.service"));
        Assert.DoesNotContain("systemctl daemon-reload", runner.CommandLines);
    }

    [Fact]
    public async Task Enable_without_start_only_enables_for_the_next_boot()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner().On("systemctl", ["show"], 0, ShowOutput("inactive", "dead", pid: 0));

        var result = await new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running).EnableAsync("office", start: false, wait: TimeSpan.FromSeconds(30));

        Assert.Equal(["systemctl daemon-reload", "systemctl enable ppptui@office.service", Show], runner.CommandLines);
        Assert.Null(result.Status.MainPid);
    }

    [Fact]
    public async Task Enable_waits_for_the_link_while_pppd_is_dialing()
    {
        using var sandbox = WithPeers();
        var answers = new Queue<string>([ShowOutput("activating", "start"), ShowOutput("activating", "start"), ShowOutput("active")]);
        var runner = new FakeServiceRunner().On("systemctl", ["show"], () => new CommandResult(0, answers.Dequeue(), "", TimeSpan.Zero));
        var waits = 0;
        var manager = new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running, delay: (_, _) => { waits++; return Task.CompletedTask; });

        var result = await manager.EnableAsync("office", wait: TimeSpan.FromSeconds(30));

        Assert.Equal(2, waits);
        Assert.True(result.Status.Active);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public async Task A_link_still_dialing_when_the_wait_ends_is_reported_with_how_to_follow_it()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner().On("systemctl", ["show"], 0, ShowOutput("activating", "start"));

        var result = await new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running).EnableAsync("office", wait: TimeSpan.Zero);

        Assert.Contains(result.Notes, n => n.Contains("journalctl -u ppptui@office.service -f", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disable_stops_and_disables_the_instance_and_keeps_the_template()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner().On("systemctl", ["show"], 0, ShowOutput("inactive", "dead", "disabled", 0, 5));
        var manager = new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running);
        await manager.EnableAsync("office");
        runner.Commands.Clear();

        var result = await manager.DisableAsync("office");

        Assert.Equal(["systemctl disable --now ppptui@office.service", Show], runner.CommandLines);
        Assert.True(sandbox.Exists("/etc/systemd/system/ppptui@.service"));
        Assert.False(result.Status.Enabled);
        // pppd's exit 5 is how it ends on SIGTERM: a stop, not a failure worth showing.
        Assert.Equal("disabled, inactive (dead)", result.Status.Describe());
    }

    [Fact]
    public async Task Disable_can_leave_the_running_link_up()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner().On("systemctl", ["show"], 0, ShowOutput("active", fileState: "disabled"));
        await new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running).DisableAsync("office", stop: false);
        Assert.Equal("systemctl disable ppptui@office.service", runner.CommandLines.First());
    }

    [Fact]
    public async Task A_failing_systemctl_is_reported_with_its_message_and_where_to_look()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner().On("systemctl", ["enable"], 1, stderr: "Failed to enable unit: Access denied");

        var ex = await Assert.ThrowsAsync<SystemctlFailedException>(() => new ServiceManager(sandbox.Paths, runner, SystemdPresence.Running).EnableAsync("office"));

        Assert.Contains("systemctl enable --now --no-block ppptui@office.service", ex.Message);
        Assert.Contains("Access denied", ex.Message);
        Assert.Contains("journalctl -u ppptui@office.service", ex.Fix);
    }

    [Fact]
    public async Task Without_systemd_enable_says_so_and_names_the_alternative()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner();

        var ex = await Assert.ThrowsAsync<SystemdMissingException>(() => new ServiceManager(sandbox.Paths, runner, SystemdPresence.Absent).EnableAsync("office"));

        Assert.Contains("systemd is not running", ex.Message);
        Assert.Contains("iface office inet ppp", ex.Fix);
        Assert.Contains("provider office", ex.Fix);
        Assert.Contains("@reboot /usr/bin/pon office", ex.Fix);
        Assert.Empty(runner.Commands);
        Assert.False(sandbox.Exists("/etc/systemd/system/ppptui@.service"));
        var status = await new ServiceManager(sandbox.Paths, runner, SystemdPresence.Absent).StatusAsync("office");
        Assert.Equal("systemd is not running on this system", status.Describe());
    }

    [Fact]
    public async Task A_profile_without_a_peers_file_cannot_become_a_service()
    {
        using var sandbox = new SandboxRoot();
        var ex = await Assert.ThrowsAsync<PppTuiException>(() => new ServiceManager(sandbox.Paths, new FakeServiceRunner(), SystemdPresence.Running).EnableAsync("office"));
        Assert.Contains("ppptui apply office", ex.Fix);
    }

    [Fact]
    public async Task Under_another_root_systemctl_works_on_that_root_only()
    {
        using var sandbox = WithPeers();
        var runner = new FakeServiceRunner();
        var manager = new ServiceManager(sandbox.Paths, runner);
        Assert.Equal(SystemdPresence.Offline, manager.Presence);

        var result = await manager.EnableAsync("office");

        Assert.Equal([$"systemctl --root={sandbox.Root} enable ppptui@office.service"], runner.CommandLines);
        Assert.Contains(result.Notes, n => n.Contains("not the running system", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_real_systemctl_enables_and_disables_inside_a_sandbox_root()
    {
        Assert.True(File.Exists("/usr/bin/systemctl") || File.Exists("/bin/systemctl"), "systemctl is missing: apt-get install systemd");
        using var sandbox = WithPeers();
        var manager = new ServiceManager(sandbox.Paths, new CliWrapCommandRunner());

        await manager.EnableAsync("office");
        var link = new FileInfo(sandbox.PathOf("/etc/systemd/system/multi-user.target.wants/ppptui@office.service"));
        Assert.Equal("/etc/systemd/system/ppptui@.service", link.LinkTarget);
        Assert.True(manager.IsEnabled("office"));
        Assert.Equal(["office"], manager.EnabledProfiles());
        Assert.Equal("enabled", (await manager.StatusAsync("office")).UnitFileState);

        await manager.DisableAsync("office");
        Assert.False(manager.IsEnabled("office"));
        Assert.Equal("disabled", (await manager.StatusAsync("office")).UnitFileState);
    }

    [Fact]
    public void A_failed_unit_shows_pppds_exit_status_in_words()
    {
        var status = ServiceManager.ParseShow("office", "ppptui@office.service",
            "LoadState=loaded\nActiveState=failed\nSubState=failed\nUnitFileState=enabled\nMainPID=0\nResult=exit-code\nExecMainStatus=19\n");
        Assert.Equal("enabled, failed (failed), last exit 19 (authentication failed)", status.Describe());
        Assert.False(status.Active);
        Assert.Null(status.MainPid);
    }

    [Fact]
    public void Systemd_is_running_only_when_the_root_is_the_system_and_has_run_systemd_system()
    {
        using var sandbox = new SandboxRoot();
        Directory.CreateDirectory(sandbox.PathOf("/run/systemd/system"));
        Assert.Equal(SystemdPresence.Offline, ServiceManager.Detect(sandbox.Paths));
        var live = ServiceManager.Detect(new Core.Files.SystemPaths("/"));
        Assert.Equal(Directory.Exists("/run/systemd/system") ? SystemdPresence.Running : SystemdPresence.Absent, live);
    }
}
