using Terminal.Gui.Input;

namespace PppTui.Tests.Tui.Adapters;

/// <summary>Keep up and the doctor over the real service adapter (ServiceManager, Doctor) on a sandbox root.</summary>
public sealed class WiredServiceTests : IDisposable
{
    private const string WantsLink = "/etc/systemd/system/multi-user.target.wants/ppptui@myvpn.service";
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private WiredHost SandboxHost() =>
        new(_sandbox, access: AccessMode.Detect(isPrivileged: false, isSystemRoot: false, _sandbox.Root));

    [Fact]
    public void In_a_sandbox_keep_up_enables_the_unit_inside_it_with_the_real_systemctl_and_marks_the_profile()
    {
        _sandbox.WithMyVpn();
        using var h = SandboxHost();
        var systemctl = new List<CommandSpec>();
        var real = new CliWrapCommandRunner();
        h.Runner.Other = spec =>
        {
            if (spec.Program != "systemctl") return null;
            lock (systemctl) systemctl.Add(spec);
            return real.RunAsync(spec);
        };
        Assert.Equal(SystemdPresence.Offline, h.Wiring.Services.Presence);
        h.Until(() => h.Screen.Profiles.Selected?.Name == "myvpn");

        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.K.WithAlt);
        h.Until(() => h.Screen.MessageText.StartsWith("myvpn is kept up by systemd"));

        Assert.Equal("myvpn is kept up by systemd: enabled (offline root: not running here). " +
                     $"--root {_sandbox.Root} is not the running system: ppptui@myvpn.service is enabled there and will start when that system boots.",
            h.Screen.MessageText);
        Assert.Equal([$"--root={_sandbox.Root}", "enable", "ppptui@myvpn.service"], Assert.Single(systemctl).Arguments);
        Assert.True(File.Exists(_sandbox.Paths.Under(WantsLink)));
        Assert.Contains("up_sdnotify", _sandbox.Read("/etc/systemd/system/ppptui@.service"));
        h.Until(() => h.Screen.Editor.ServiceLine.Contains("kept up by systemd (ppptui@myvpn.service)"));
        Assert.Contains(h.Screen.Profiles.Rows, p => p.Name == "myvpn");
        Assert.Contains("↻", h.Text);

        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.K.WithAlt);
        h.Until(() => h.Screen.MessageText.StartsWith("myvpn is no longer kept up by systemd"));
        Assert.False(File.Exists(_sandbox.Paths.Under(WantsLink)));
        Assert.Equal("", h.Screen.Editor.ServiceLine);
    }

    [Fact]
    public void A_unit_enabled_elsewhere_is_marked_after_the_next_folder_check()
    {
        _sandbox.WithMyVpn();
        using var h = SandboxHost();
        Assert.Equal("", h.Screen.Editor.ServiceLine);

        _sandbox.Write("/etc/systemd/system/ppptui@.service", "[Service]\n");
        Directory.CreateDirectory(Path.GetDirectoryName(_sandbox.Paths.Under(WantsLink))!);
        File.CreateSymbolicLink(_sandbox.Paths.Under(WantsLink), "/etc/systemd/system/ppptui@.service");

        h.Until(() => h.Screen.Editor.ServiceLine.StartsWith("↻ kept up by systemd"));
        Assert.Contains(Headless.Rows(h.App), r => r.Contains("myvpn") && r.Contains("↻"));
    }

    [Fact]
    public void A_profile_never_applied_cannot_be_kept_up_and_the_error_says_how_to_fix_it()
    {
        _sandbox.WithMyVpn();
        File.Delete(_sandbox.Paths.PeerFile("myvpn"));
        using var h = SandboxHost();
        h.Until(() => h.Screen.Profiles.Selected?.Name == "myvpn");

        h.Dialogs.ConfirmAnswers.Enqueue(true);
        h.Press(Key.K.WithAlt);
        h.Until(() => h.Errors.Errors.Any(e => e.What == "Keep myvpn up"));

        var error = h.Errors.Errors.Single(e => e.What == "Keep myvpn up");
        Assert.Contains("/etc/ppp/peers/myvpn does not exist", error.Cause);
        Assert.Equal("Write the profile's files first: 'ppptui apply myvpn'.", error.Fix);
        Assert.False(File.Exists(_sandbox.Paths.Under(WantsLink)));
    }

    [Fact]
    public void The_doctor_checks_the_machine_and_the_selected_profile_and_the_report_reaches_the_dialog()
    {
        _sandbox.WithMyVpn();
        using var h = SandboxHost();
        h.Until(() => h.Screen.Profiles.Selected?.Name == "myvpn");

        h.Press(Key.O.WithAlt);
        h.Until(() => h.Dialogs.DoctorShown.Count == 1);

        var (profile, report) = h.Dialogs.DoctorShown.Single();
        Assert.Equal("myvpn", profile);
        Assert.NotNull(report.Find("kernel.ppp_generic"));
        Assert.Equal(CheckStatus.Fail, report.Find("tools.pppd")!.Status); // no pppd under the sandbox root
        Assert.Contains(report.Checks, c => c.Profile == "myvpn");
        Assert.DoesNotContain(report.Checks, c => c.Profile is { } p && p != "myvpn");
        Assert.Equal("Doctor: " + report.Summary, h.Screen.MessageText);
        Assert.Null(h.Screen.DisabledReason(AppCommand.Doctor));
    }

    [Fact]
    public void The_adapter_reads_which_profiles_are_kept_up_from_the_unit_links_and_says_when_that_changes()
    {
        var adapter = new ServiceAdapter(new ServiceManager(_sandbox.Paths, new FakeDialRunner()), new DoctorService(_sandbox.Paths, new FakeDialRunner()), new Core.Support.SupportBundle(_sandbox.Paths, new FakeDialRunner()));
        int changes = 0;
        adapter.Changed += (_, _) => changes++;
        Assert.False(adapter.IsKeptUp("myvpn"));

        Directory.CreateDirectory(Path.GetDirectoryName(_sandbox.Paths.Under(WantsLink))!);
        File.WriteAllText(_sandbox.Paths.Under(WantsLink), "");
        adapter.Refresh();
        adapter.Refresh();

        Assert.True(adapter.IsKeptUp("myvpn"));
        Assert.False(adapter.IsKeptUp("other"));
        Assert.Equal(1, changes);
    }
}
