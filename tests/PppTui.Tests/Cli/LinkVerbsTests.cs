using System.CommandLine;

namespace PppTui.Tests.Cli;

public sealed class LinkVerbsTests : IDisposable
{
    private const string SeedPeer = "linkname myvpn\npty \"pptp vpn.example.com --nolaunchpppd\"\nusepeerdns\nrequire-mppe-128\ndefaultroute\nmtu 1416\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ppptui-cli-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedRunner _runner = new();
    private readonly FakeSignals _signals = new();
    private bool _isRoot = true;

    public LinkVerbsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc/ppp/peers"));
        Directory.CreateDirectory(Path.Combine(_root, "run"));
        Directory.CreateDirectory(Path.Combine(_root, "proc"));
        File.WriteAllText(Path.Combine(_root, "etc/ppp/peers/myvpn"), SeedPeer);
        File.WriteAllText(Path.Combine(_root, "etc/resolv.conf"), "nameserver 198.51.100.53\n");
        _runner.Routes = """[{"dst":"default","dev":"ppp0","scope":"link","flags":[]}]""";
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args) => RunAsync(CancellationToken.None, args).GetAwaiter().GetResult();

    private Task<(int Code, string Out, string Err)> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        RunAsync(cancellationToken, new StringWriter(), args);

    private async Task<(int Code, string Out, string Err)> RunAsync(CancellationToken cancellationToken, TextWriter output, params string[] args)
    {
        var error = new StringWriter();
        var app = new CliApp(new CliIO(output, error, new StringReader(""), false), _runner);
        var root = new RootCommand();
        root.Options.Add(app.Globals.Root);
        root.Options.Add(app.Globals.Json);
        root.Options.Add(app.Globals.Lang);
        foreach (var verb in LinkVerbs.Create(app, ctx => new LinkManager(new LinkServices(ctx.Paths, ctx.Runner, _signals,
                     new PeerOptionsFileReader(ctx.Paths), new CatalogDiagnoser(), new FakePppLog(), new PppdCommands("pppd"),
                     () => _isRoot, TimeProvider.System, new DialTimings(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20))))))
            root.Subcommands.Add(verb);
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return (code, output.ToString() ?? "", error.ToString());
    }

    private void RunningPppd(int pid, string name, string? iface)
    {
        var proc = Path.Combine(_root, "proc", pid.ToString());
        Directory.CreateDirectory(proc);
        File.WriteAllText(Path.Combine(proc, "cmdline"), $"/usr/sbin/pppd\0call\0{name}\0updetach\0");
        if (iface is null) return;
        File.WriteAllText(Path.Combine(_root, "run", $"ppp-{name}.pid"), $"{pid}\n{iface}\n");
        File.WriteAllText(Path.Combine(_root, "run", $"{iface}.pid"), $"{pid}\n");
        var net = Path.Combine(_root, "sys/class/net", iface, "statistics");
        Directory.CreateDirectory(net);
        File.WriteAllText(Path.Combine(_root, "sys/class/net", iface, "mtu"), "1412\n");
        File.WriteAllText(Path.Combine(_root, "sys/class/net", iface, "flags"), "0x10d1\n");
        File.WriteAllText(Path.Combine(net, "rx_bytes"), "2048\n");
        File.WriteAllText(Path.Combine(net, "tx_bytes"), "1024\n");
    }

    [Fact]
    public void Connect_prints_each_state_and_the_up_status_and_exits_0()
    {
        _runner.Dial = FakeDialRunner.PptpDialUp;
        _runner.BeforeExit = () => RunningPppd(101, "myvpn", "ppp0");

        var (code, output, _) = Run("--root", _root, "connect", "myvpn", "--wait", "10");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("myvpn: starting", output);
        Assert.Contains("myvpn: connecting (LCP) - Using interface ppp0", output);
        Assert.Contains("myvpn: negotiating IP", output);
        Assert.Contains("myvpn: up - IP address 198.51.100.10 on ppp0", output);
        Assert.Contains("address   198.51.100.10 peer 198.51.100.1", output);
        Assert.Contains("mtu       1412 (1416 configured, 1412 after MPPE (MPPE takes 4 bytes))", output);
        Assert.Contains("default   this link", output);
        Assert.Contains("pid 101", output);
        Assert.Equal(["call", "myvpn", "updetach"], _runner.DialSpecs.Single().Arguments);
    }

    [Fact]
    public void Connect_with_json_prints_only_the_final_status_on_stdout()
    {
        _runner.Dial = FakeDialRunner.PptpDialUp;
        _runner.BeforeExit = () => RunningPppd(101, "myvpn", "ppp0");

        var (code, output, error) = Run("--root", _root, "--json", "connect", "myvpn");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Up", json.RootElement.GetProperty("state").GetString());
        Assert.Equal("ppp0", json.RootElement.GetProperty("interface").GetString());
        Assert.Equal(1412, json.RootElement.GetProperty("mtu").GetInt32());
        Assert.Equal("198.51.100.53", json.RootElement.GetProperty("dns")[0].GetString());
        Assert.Contains("myvpn: connecting", error);
    }

    [Fact]
    public void Connect_with_json_prints_its_progress_on_stderr_as_one_json_object_a_line()
    {
        _runner.Dial = FakeDialRunner.PptpDialUp;
        _runner.BeforeExit = () => RunningPppd(101, "myvpn", "ppp0");

        var (code, _, error) = Run("--root", _root, "--json", "connect", "myvpn");

        Assert.Equal(ExitCodes.Ok, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var notice = JsonDocument.Parse(line);
            Assert.StartsWith("myvpn: ", notice.RootElement.GetProperty("notice").GetString());
        }
    }

    [Fact]
    public void Connect_to_the_pptp_server_of_a_running_link_warns_first_naming_that_link()
    {
        File.WriteAllText(Path.Combine(_root, "etc/ppp/peers/office"), "pty \"pptp vpn.example.com --nolaunchpppd\"\nname alice\n");
        RunningPppd(201, "office", "ppp1");
        _runner.Dial = FakeDialRunner.PptpDialUp;
        _runner.BeforeExit = () => RunningPppd(101, "myvpn", "ppp0");

        var (_, _, error) = Run("--root", _root, "connect", "myvpn");

        Assert.Contains("warning: myvpn dials the PPTP server office is connected to", error);
        Assert.Contains("office can drop with it", error);
    }

    [Fact]
    public void A_failed_connect_exits_link_down_with_cause_fix_and_evidence()
    {
        _runner.Dial =
        [
            new CommandStarted(100), new CommandOutputLine("Using interface ppp0", false),
            new CommandOutputLine("MS-CHAP authentication failed: E=691 Authentication failure", false),
            new CommandOutputLine("CHAP authentication failed", false), new CommandExited(19),
        ];

        var (code, output, _) = Run("--root", _root, "connect", "myvpn");

        Assert.Equal(ExitCodes.LinkDown, code);
        Assert.Contains("myvpn: down: Authentication failed: the server rejected", output);
        Assert.Contains("MS-CHAP error 691", output);
        Assert.Contains("fix       Check the password for", output);
        Assert.Contains("evidence  MS-CHAP authentication failed: E=691", output);
        Assert.Contains("pppd exit status 19", output);
    }

    [Fact]
    public void Connect_without_root_on_the_live_system_exits_needs_root_and_runs_nothing()
    {
        _isRoot = false;

        var (code, _, error) = Run("connect", "myvpn");

        Assert.Equal(ExitCodes.NeedsRoot, code);
        Assert.Contains("connect needs root", error);
        Assert.Contains("sudo ppptui connect myvpn", error);
        Assert.Empty(_runner.DialSpecs);
    }

    [Fact]
    public void Connect_to_an_unknown_profile_exits_not_found_and_a_bad_name_exits_usage()
    {
        Assert.Equal(ExitCodes.NotFound, Run("--root", _root, "connect", "nosuch").Code);
        Assert.Equal(ExitCodes.Usage, Run("--root", _root, "connect", "../x").Code);
        Assert.Equal(ExitCodes.Usage, Run("--root", _root, "connect", "myvpn", "--wait", "0").Code);
    }

    [Fact]
    public void Disconnect_sends_sigterm_to_the_links_pppd_and_exits_0()
    {
        RunningPppd(200, "myvpn", "ppp0");
        _signals.OnTerm = pid => Directory.Delete(Path.Combine(_root, "proc", pid.ToString()), true);

        var (code, output, _) = Run("--root", _root, "disconnect", "myvpn");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal([(200, ProcessSignal.Terminate)], _signals.Sent);
        Assert.Contains("myvpn is down: pppd (pid 200) stopped", output);
    }

    [Fact]
    public void Disconnect_of_a_link_that_is_not_running_exits_not_found()
    {
        var (code, _, error) = Run("--root", _root, "disconnect", "myvpn");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("myvpn is not running", error);
        Assert.Empty(_signals.Sent);
    }

    [Fact]
    public void Status_lists_running_links_and_says_so_when_there_are_none()
    {
        Assert.Contains("no links running", Run("--root", _root, "status").Out);

        RunningPppd(300, "myvpn", "ppp0");
        var (code, output, _) = Run("--root", _root, "status");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("myvpn  up  ppp0  pid 300", output);
        Assert.Contains("traffic   rx 2.0 kB  tx 1.0 kB", output);
        Assert.Contains("dns       198.51.100.53", output);
    }

    [Fact]
    public async Task Status_watch_refreshes_every_second_until_cancelled_with_rates_from_the_second_sample()
    {
        RunningPppd(302, "myvpn", "ppp0");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(3500));

        var (code, output, _) = await RunAsync(stop.Token, "--root", _root, "status", "--watch");

        Assert.Equal(ExitCodes.Ok, code);
        var refreshes = output.Split("Ctrl-C to stop").Length - 1;
        Assert.True(refreshes >= 2, output);
        Assert.Contains("rx 2.0 kB (0 B/s)", output);
    }

    [Fact]
    public async Task Status_watch_shows_a_dialing_link_and_one_going_down_as_the_tui_does()
    {
        RunningPppd(303, "myvpn", iface: null);
        var output = new StringWriter();
        var shared = TextWriter.Synchronized(output);
        string Printed()
        {
            lock (shared) return output.ToString();
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watching = RunAsync(stop.Token, shared, "--root", _root, "status", "--watch");

        await Until(Printed, "reason    connecting (LCP): pppd (pid 303) is dialing");
        RunningPppd(303, "myvpn", "ppp0");
        await Until(Printed, "myvpn  up  ppp0  pid 303");
        File.WriteAllText(Path.Combine(_root, "sys/class/net/ppp0/flags"), "0x1090\n");
        await Until(Printed, "myvpn  disconnecting  ppp0  pid 303");
        await stop.CancelAsync();
        var (code, _, _) = await watching;

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("reason    disconnecting: ppp0 lost its address or went down", Printed());
    }

    private static async Task Until(Func<string> printed, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!printed().Contains(expected, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the watch did not print \"{expected}\" in time:\n{printed()}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public void Status_of_one_link_that_is_down_exits_link_down_and_json_gives_an_object()
    {
        var (code, output, _) = Run("--root", _root, "--json", "status", "myvpn");

        Assert.Equal(ExitCodes.LinkDown, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Down", json.RootElement.GetProperty("state").GetString());
        Assert.Equal("not running", json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void Status_json_of_everything_is_an_array()
    {
        RunningPppd(301, "myvpn", "ppp0");

        var (code, output, _) = Run("--root", _root, "--json", "status");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("myvpn", json.RootElement[0].GetProperty("name").GetString());
        Assert.Equal(301, json.RootElement[0].GetProperty("pid").GetInt32());
    }

    [Fact]
    public void Explain_tells_the_last_failure_and_exits_not_found_when_there_is_none()
    {
        Assert.Equal(ExitCodes.NotFound, Run("--root", _root, "explain", "myvpn").Code);
        _runner.Dial = [new CommandStarted(100), new CommandOutputLine("LCP: timeout sending Config-Requests", false), new CommandExited(10)];
        Run("--root", _root, "connect", "myvpn");

        var (code, output, _) = Run("--root", _root, "explain", "myvpn");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("myvpn: last attempt", output);
        Assert.Contains("No PPP reply from the other end: LCP timed out sending Config-Requests", output);
        Assert.Contains("    LCP: timeout sending Config-Requests", output);
    }

    [Fact]
    public void Explain_with_lang_zh_CN_answers_in_Chinese_and_keeps_pppds_log_lines()
    {
        _runner.Dial = [new CommandStarted(100), new CommandOutputLine("LCP: timeout sending Config-Requests", false), new CommandExited(10)];
        Run("--root", _root, "connect", "myvpn");

        var (code, output, _) = Run("--lang", "zh-CN", "--root", _root, "explain", "myvpn");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("myvpn:最近一次拨号", output);
        Assert.Contains("原因", output);
        Assert.Contains("对端没有 PPP 应答:LCP 发送 Config-Request 超时。", output);
        Assert.Contains("    LCP: timeout sending Config-Requests", output);
        Assert.DoesNotContain("No PPP reply", output);
    }

    [Fact]
    public void Json_keeps_field_names_codes_and_pppds_lines_in_English_while_its_texts_follow_lang()
    {
        _runner.Dial = [new CommandStarted(100), new CommandOutputLine("LCP: timeout sending Config-Requests", false), new CommandExited(10)];
        Run("--root", _root, "connect", "myvpn");

        var (_, english, _) = Run("--json", "--root", _root, "explain", "myvpn");
        var (_, chinese, _) = Run("--lang", "zh-CN", "--json", "--root", _root, "explain", "myvpn");

        using var en = JsonDocument.Parse(english);
        using var zh = JsonDocument.Parse(chinese);
        Assert.Equal(FieldNames(en.RootElement), FieldNames(zh.RootElement));
        var (enDiagnosis, zhDiagnosis) = (en.RootElement.GetProperty("diagnosis"), zh.RootElement.GetProperty("diagnosis"));
        Assert.Equal("lcp-timeout", zhDiagnosis.GetProperty("code").GetString());
        Assert.Equal(enDiagnosis.GetProperty("code").GetString(), zhDiagnosis.GetProperty("code").GetString());
        Assert.Equal(enDiagnosis.GetProperty("severity").GetString(), zhDiagnosis.GetProperty("severity").GetString());
        Assert.StartsWith("No PPP reply", enDiagnosis.GetProperty("cause").GetString());
        Assert.Contains("对端没有 PPP 应答", zhDiagnosis.GetProperty("cause").GetString());
        Assert.Equal(en.RootElement.GetProperty("lines").ToString(), zh.RootElement.GetProperty("lines").ToString());

        // An error: the same object with the same code, its message in the chosen language.
        var (enCode, _, enError) = Run("--json", "--root", _root, "explain", "nosuch");
        var (zhCode, _, zhError) = Run("--lang", "zh-CN", "--json", "--root", _root, "explain", "nosuch");
        using var enFailure = JsonDocument.Parse(enError);
        using var zhFailure = JsonDocument.Parse(zhError);
        Assert.Equal((ExitCodes.NotFound, ExitCodes.NotFound), (enCode, zhCode));
        Assert.Equal(FieldNames(enFailure.RootElement), FieldNames(zhFailure.RootElement));
        Assert.Equal(ExitCodes.NotFound, zhFailure.RootElement.GetProperty("code").GetInt32());
        Assert.StartsWith("no attempt of nosuch found", enFailure.RootElement.GetProperty("message").GetString());
        Assert.Contains("找不到 nosuch 的拨号记录", zhFailure.RootElement.GetProperty("message").GetString());
    }

    private static List<string> FieldNames(JsonElement element, string path = "")
    {
        var names = new List<string>();
        if (element.ValueKind == JsonValueKind.Object)
            foreach (var property in element.EnumerateObject())
            {
                names.Add(path + "." + property.Name);
                names.AddRange(FieldNames(property.Value, path + "." + property.Name));
            }
        return names;
    }

    [Fact]
    public void Verb_and_option_help_follow_lang_and_the_locale()
    {
        string Help(Func<string, string?> environment, params string[] args)
        {
            var output = new StringWriter();
            new CliApp(new CliIO(output, new StringWriter(), new StringReader(""), false), _runner, environment: environment).Run(args);
            return output.ToString();
        }
        static string? NoLocale(string _) => null;
        static string? ChineseLocale(string variable) => variable == "LANG" ? "zh_CN.UTF-8" : null;

        var english = Help(NoLocale, "explain", "--help");
        var byOption = Help(NoLocale, "--lang", "zh-CN", "explain", "--help");
        var byLocale = Help(ChineseLocale, "explain", "--help");
        var overridden = Help(ChineseLocale, "--lang", "en", "explain", "--help");

        Assert.Contains("Explain the last failure of a profile from its logs", english);
        Assert.Contains("根据日志解释配置最近一次失败", byOption);
        Assert.Contains("使用语言 LANG", byOption);
        Assert.DoesNotContain("Explain the last failure", byOption);
        Assert.Contains("根据日志解释配置最近一次失败", byLocale);
        Assert.Contains("Explain the last failure of a profile from its logs", overridden);
    }

    [Fact]
    public void An_unknown_lang_is_a_usage_error()
    {
        var error = new StringWriter();
        var code = new CliApp(new CliIO(new StringWriter(), error, new StringReader(""), false), _runner).Run(["--lang", "tlh", "--root", _root, "explain", "myvpn"]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--lang tlh", error.ToString());
    }

    [Fact]
    public void The_app_registers_the_link_verbs_with_their_options()
    {
        var app = new CliApp(new CliIO(new StringWriter(), new StringWriter(), new StringReader(""), false), _runner);
        var root = app.BuildRoot();

        Assert.Empty(root.Parse(["connect", "myvpn", "--wait", "30"]).Errors);
        Assert.Empty(root.Parse(["disconnect", "myvpn", "--force"]).Errors);
        Assert.Empty(root.Parse(["status", "--watch"]).Errors);
        Assert.Empty(root.Parse(["status", "myvpn", "--json"]).Errors);
        Assert.Empty(root.Parse(["explain", "myvpn"]).Errors);
        Assert.NotEmpty(root.Parse(["connect"]).Errors);
    }

    private sealed class ScriptedRunner : ICommandRunner
    {
        public string Routes { get; set; } = "[]";
        public CommandEvent[] Dial { get; set; } = [new CommandExited(1)];
        public Action? BeforeExit { get; set; }
        public List<CommandSpec> DialSpecs { get; } = [];

        public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
        {
            var output = spec.Arguments.Contains("route") ? Routes
                : spec.Arguments.Contains("addr")
                    ? $$"""[{"ifname":"{{spec.Arguments[^1]}}","flags":["POINTOPOINT","UP","LOWER_UP"],"mtu":1412,"addr_info":[{"family":"inet","local":"198.51.100.10","address":"198.51.100.1","prefixlen":32}]}]"""
                    : "";
            return Task.FromResult(new CommandResult(0, output, "", TimeSpan.Zero));
        }

        public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            DialSpecs.Add(spec);
            foreach (var e in Dial)
            {
                await Task.Yield();
                if (e is CommandExited) BeforeExit?.Invoke();
                yield return e;
            }
        }
    }
}
