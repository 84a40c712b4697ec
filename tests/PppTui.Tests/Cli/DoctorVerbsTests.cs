using System.IO.Compression;

namespace PppTui.Tests.Cli;

public class DoctorVerbsTests
{
    private static void KernelWithoutPpp(CliRunner cli)
    {
        cli.Write("/proc/sys/kernel/osrelease", "6.1.0-test\n");
        Directory.CreateDirectory(Path.GetDirectoryName(cli.PathOf("/proc/config.gz"))!);
        using var gz = new GZipStream(File.Create(cli.PathOf("/proc/config.gz")), CompressionLevel.Fastest);
        gz.Write("# CONFIG_MODULES is not set\n# CONFIG_PPP is not set\n"u8);
    }

    private static void HealthyKernel(CliRunner cli)
    {
        cli.Write("/proc/modules", "ppp_generic 45056 0 - Live 0x0\nppp_async 20480 0 - Live 0x0\nppp_mppe 16384 0 - Live 0x0\npppoe 20480 0 - Live 0x0\n");
        cli.Write("/dev/ppp", "");
        cli.Write("/usr/sbin/pppd", "");
        cli.Write("/usr/sbin/chat", "");
        cli.Write("/usr/lib/pppd/2.4.9/rp-pppoe.so", "");
        cli.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
    }

    private static FakeServiceRunner Tools() => new()
    {
        Answer = spec => new(0, spec.Program.EndsWith("pppd", StringComparison.Ordinal) ? "pppd version 2.4.9\n" : "[]", "", TimeSpan.Zero),
    };

    [Fact]
    public void Doctor_json_lists_every_check_with_status_and_fix_and_fails_with_exit_8()
    {
        using var cli = new CliRunner();
        KernelWithoutPpp(cli);

        var outcome = ServiceCli.Run(cli, Tools(), null, "doctor", "--json");

        Assert.Equal(ExitCodes.CheckFailed, outcome.ExitCode);
        var json = JsonNode.Parse(outcome.Out)!;
        Assert.False((bool)json["ok"]!);
        var kernel = json["checks"]!.AsArray().Single(c => (string?)c!["id"] == "kernel.ppp_generic")!;
        Assert.Equal("fail", (string?)kernel["status"]);
        Assert.StartsWith("No PPP in the kernel", (string?)kernel["detail"]);
        Assert.Contains("CONFIG_PPP", (string?)kernel["fix"]);
        Assert.True((int)json["summary"]!["fail"]! >= 1);
    }

    [Fact]
    public void Doctor_text_shows_what_was_seen_and_the_fix_under_each_problem()
    {
        using var cli = new CliRunner();
        KernelWithoutPpp(cli);

        var outcome = ServiceCli.Run(cli, Tools(), null, "doctor");

        Assert.Equal(ExitCodes.CheckFailed, outcome.ExitCode);
        var lines = outcome.Out.Split('\n');
        var at = Array.FindIndex(lines, l => l.Contains("FAIL  kernel.ppp_generic", StringComparison.Ordinal));
        Assert.True(at >= 0, outcome.ToString());
        Assert.Contains("seen: /proc/config.gz: # CONFIG_PPP is not set", lines[at + 1]);
        Assert.Contains("fix:  Boot a kernel built with CONFIG_PPP", lines[at + 2]);
        Assert.Matches(@"\n\d+ failed, \d+ warnings, \d+ ok, \d+ skipped\n$", outcome.Out);
    }

    [Fact]
    public void A_healthy_box_passes_and_a_profile_gets_its_own_block()
    {
        using var cli = new CliRunner();
        HealthyKernel(cli);
        cli.Write("/etc/ppp/peers/office", "noauth\nname alice\n");

        var outcome = ServiceCli.Run(cli, Tools(), null, "doctor", "office");

        Assert.True(outcome.ExitCode == ExitCodes.Ok, outcome.ToString());
        Assert.All(["This machine:\n", "Profile office:\n", "OK    options.auth"], part => Assert.Contains(part, outcome.Out));
    }

    [Fact]
    public void Doctor_of_an_unknown_profile_is_not_found()
    {
        using var cli = new CliRunner();
        var outcome = ServiceCli.Run(cli, Tools(), null, "doctor", "nosuch");
        Assert.Equal(ExitCodes.NotFound, outcome.ExitCode);
        Assert.Contains("no profile named 'nosuch'", outcome.Error);
    }

    /// <summary>
    /// The doctor on the real machine running the tests, with the real tools: it must report the
    /// kernel as it is. Without PPP (this project's build machines) it says so, with the fix; in a
    /// kernel with PPP (the lab, most servers) the check passes.
    /// </summary>
    [Fact]
    public void Doctor_reports_the_kernel_of_this_machine_as_it_is()
    {
        var output = new StringWriter();
        var io = new CliIO(output, new StringWriter(), new StringReader(""), InputIsTerminal: false);
        new CliApp(io).Run(["doctor", "--json"]);
        var kernel = JsonNode.Parse(output.ToString())!["checks"]!.AsArray().Single(c => (string?)c!["id"] == "kernel.ppp_generic")!;

        var config = ReadKernelConfig();
        var loaded = File.Exists("/proc/modules") && File.ReadAllText("/proc/modules").Split('\n').Any(l => l.StartsWith("ppp_generic ", StringComparison.Ordinal));
        if (!loaded && config is not null && config.Contains("# CONFIG_PPP is not set", StringComparison.Ordinal))
        {
            Assert.Equal("fail", (string?)kernel["status"]);
            Assert.StartsWith("No PPP in the kernel", (string?)kernel["detail"]);
            Assert.Contains("CONFIG_PPP", (string?)kernel["fix"]);
        }
        else if (loaded || Directory.Exists("/sys/module/ppp_generic"))
        {
            Assert.Equal("ok", (string?)kernel["status"]);
        }
        else
        {
            // A kernel with PPP as a module not loaded yet, or no readable configuration: never "ok by silence".
            Assert.Contains((string?)kernel["status"], new[] { "ok", "warn", "fail" });
            Assert.False(string.IsNullOrEmpty((string?)kernel["evidence"]));
        }
    }

    private static string? ReadKernelConfig()
    {
        if (!File.Exists("/proc/config.gz")) return null;
        using var gz = new GZipStream(File.OpenRead("/proc/config.gz"), CompressionMode.Decompress);
        return new StreamReader(gz).ReadToEnd();
    }
}
