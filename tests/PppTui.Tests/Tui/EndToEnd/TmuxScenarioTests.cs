namespace PppTui.Tests.Tui.EndToEnd;

/// <summary>
/// Runs tests/tui-e2e/run.sh: the real binary in tmux on sandbox roots, driven by keys, read from
/// the screen (creating a PPTP profile through the form, a read-only root, themes, terminals).
/// ./build.sh test installs tmux when it runs as root; in CI a missing tmux is a failure.
/// </summary>
public sealed class TmuxScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_screen_scenario_passes_under_tmux_against_the_built_binary()
    {
        var repo = RepositoryRoot();
        if (!OnPath("tmux"))
        {
            var ci = Environment.GetEnvironmentVariable("CI") is "true" or "1";
            Assert.False(ci, "tmux is required for the end-to-end screen tests in CI: apt-get install tmux");
            output.WriteLine("tmux is not installed, so the end-to-end screen tests did not run (./build.sh test installs it when run as root).");
            return;
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(repo, "tests", "tui-e2e", "run.sh")])
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PPPTUI_BIN"] = Path.Combine(AppContext.BaseDirectory, "ppptui");
        // A busy machine (CI shares its two cores) starts the screen slowly; a wait is not a timing test.
        start.Environment["E2E_TIMEOUT"] = "30";
        // The test process runs Terminal.Gui headless; the binary under tmux must draw for real.
        start.Environment.Remove("DisableRealDriverIO");
        start.Environment.Remove("TMUX");
        using var script = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var stderrRead = script.StandardError.ReadToEndAsync(limit.Token);
        var stdout = await script.StandardOutput.ReadToEndAsync(limit.Token);
        await script.WaitForExitAsync(limit.Token);
        var stderr = await stderrRead;
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        Assert.True(script.ExitCode == 0, $"run.sh exited {script.ExitCode}:\n{stdout}\n{stderr}");
        Assert.Contains("ok   new_pptp_profile_through_the_form", stdout);
        Assert.Contains("ok   unwritable_root_refuses_apply_with_the_reason", stdout);
        Assert.Matches(@"\d+ passed, 0 failed", stdout);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PppTui.sln"))) return dir.FullName;
        throw new InvalidOperationException("PppTui.sln not found above " + AppContext.BaseDirectory);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, program)));
}
