namespace PppTui.Core.Tests.Systemd;

public class SystemdUnitTests
{
    [Fact]
    public void The_template_runs_pppd_for_the_instance_in_the_foreground_and_notifies_systemd()
    {
        var unit = SystemdUnits.RenderTemplate("/usr/sbin/pppd");
        var lines = unit.Split('\n').Where(l => !l.StartsWith('#')).ToList();
        Assert.Contains("ExecStart=/usr/sbin/pppd call %i nodetach nolog up_sdnotify", lines);
        Assert.Contains("Type=notify", lines);
        Assert.Contains("NotifyAccess=main", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("RestartSec=10", lines);
        Assert.Contains("SuccessExitStatus=5", lines);
        Assert.Contains("After=network-online.target", lines);
        Assert.Contains("Wants=network-online.target", lines);
        Assert.Contains("WantedBy=multi-user.target", lines);
        Assert.Contains("StartLimitIntervalSec=0", lines);
        Assert.DoesNotContain(lines, l => l.Contains("%I", StringComparison.Ordinal));
        Assert.EndsWith("WantedBy=multi-user.target\n", unit);
        // Sections in systemd's order, each once.
        var sections = lines.Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(["[Unit]", "[Service]", "[Install]"], sections);
    }

    [Fact]
    public void The_unit_runs_the_pppd_found_under_the_root()
    {
        using var sandbox = new SandboxRoot();
        Assert.Equal("/usr/sbin/pppd", SystemdUnits.FindPppd(sandbox.Paths));
        sandbox.Write("/usr/local/sbin/pppd", "#!/bin/sh\n");
        Assert.Equal("/usr/local/sbin/pppd", SystemdUnits.FindPppd(sandbox.Paths));
        Assert.Contains("ExecStart=/usr/local/sbin/pppd call %i", SystemdUnits.RenderTemplate(SystemdUnits.FindPppd(sandbox.Paths)));
    }

    [Theory]
    [InlineData("/usr/sbin/pppd --debug")]
    [InlineData("pppd")]
    [InlineData("/opt/p%d/pppd")]
    public void A_pppd_path_that_would_break_the_unit_is_refused(string path) =>
        Assert.Throws<ArgumentException>(() => SystemdUnits.RenderTemplate(path));

    [Theory]
    [InlineData("office", "ppptui@office.service")]
    [InlineData("my-vpn.2", "ppptui@my-vpn.2.service")]
    [InlineData("_x", "ppptui@_x.service")]
    public void A_profile_name_is_its_unit_instance_as_it_is(string profile, string unit)
    {
        Assert.Equal(unit, SystemdUnits.InstanceName(profile));
        Assert.Equal(profile, SystemdUnits.ProfileOf(unit));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("x;reboot")]
    public void A_name_that_is_no_profile_gives_no_unit(string name) =>
        Assert.Throws<PppTuiException>(() => SystemdUnits.InstanceName(name));

    [Fact]
    public void The_packaged_unit_is_the_rendered_template()
    {
        var repo = RepositoryRoot();
        var packaged = File.ReadAllText(Path.Join(repo, "packaging", "ppptui@.service"));
        Assert.Equal(SystemdUnits.RenderTemplate(SystemdUnits.DefaultPppdPath), packaged);
    }

    [Fact]
    public void The_README_shows_the_unit_as_it_is_rendered()
    {
        var readme = File.ReadAllText(Path.Join(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("```\n[Unit]\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no unit block");
        var block = readme[(start + 4)..readme.IndexOf("```", start + 4, StringComparison.Ordinal)];
        var rendered = string.Join("\n", SystemdUnits.RenderTemplate().Split('\n').Where(l => !l.StartsWith('#')).SkipWhile(l => l.Length == 0));
        Assert.Equal(rendered, block);
    }

    /// <summary>
    /// systemd's own checker on the real unit text: every key known, every value parsed, the
    /// ExecStart binary present. The pppd found on this machine (ppp is installed by build.sh).
    /// </summary>
    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_unit()
    {
        var analyzer = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        Assert.True(analyzer is not null, "systemd-analyze is missing: apt-get install systemd (./build.sh test installs it when run as root)");
        var pppd = SystemdUnits.FindPppd(new SystemPaths("/"));
        Assert.True(File.Exists(pppd), $"{pppd} is missing: apt-get install ppp (./build.sh test installs it when run as root)");

        var dir = Directory.CreateTempSubdirectory("ppptui-unit-");
        try
        {
            await File.WriteAllTextAsync(Path.Join(dir.FullName, SystemdUnits.TemplateFileName), SystemdUnits.RenderTemplate(pppd));
            var runner = new CliWrapCommandRunner();
            // man:ppptui(8) is installed by the package, not on a build machine: skip the man page lookup.
            var result = await runner.RunAsync(new CommandSpec(analyzer!, ["verify", "--man=no", Path.Join(dir.FullName, "ppptui@office.service")]));
            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StandardError}");
            // A key systemd does not know or a value it cannot parse is only a warning on stderr: none allowed.
            Assert.Equal("", result.StandardError.Trim());

            // And the checker does catch a broken unit, so the green result above means something.
            await File.WriteAllTextAsync(Path.Join(dir.FullName, "broken@.service"),
                SystemdUnits.RenderTemplate(pppd).Replace("Restart=on-failure", "Restart=sometimes"));
            var broken = await runner.RunAsync(new CommandSpec(analyzer!, ["verify", "--man=no", Path.Join(dir.FullName, "broken@office.service")]));
            Assert.Contains("restart specifier", broken.StandardError);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Join(dir.FullName, "PppTui.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PppTui.sln not found above " + AppContext.BaseDirectory);
    }
}
