namespace PppTui.Tests.Hardening;

/// <summary>
/// What a sloppy or hostile admin does to the files around ppptui (a folder where a file belongs,
/// a secrets file left 0644, binary junk, a --root from an unset variable), and what ppptui must
/// then do: apply all or nothing, name the real cause, and exit with the README's code.
/// </summary>
public sealed class SloppyAdminTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private CliOutcome NewOffice(string name = "office", params string[] more) =>
        _cli.RunWithInput("hunter2\n", ["new", name, "--kind", "pptp", "--server", "192.0.2.1", "--user", "alice", "--password-stdin", .. more]);

    // Item 3: a multi-file apply is one transaction.
    [Fact]
    public void New_with_the_profiles_folder_a_file_writes_nothing_and_names_the_file_in_the_way()
    {
        _cli.Write("/etc/ppp/chap-secrets", "bob other s3 *\n", Private);
        _cli.Write("/etc/ppptui/profiles", "");
        var before = File.ReadAllBytes(_cli.PathOf("/etc/ppp/chap-secrets"));

        var outcome = NewOffice();

        Assert.NotEqual(ExitCodes.Ok, outcome.ExitCode);
        Assert.False(File.Exists(_cli.PathOf("/etc/ppp/peers/office")), outcome.ToString());
        Assert.Equal(before, File.ReadAllBytes(_cli.PathOf("/etc/ppp/chap-secrets")));
        Assert.Contains("profiles is a file, not a folder", outcome.Error);
        Assert.Contains("nothing of office was applied", outcome.Error);
        Assert.DoesNotContain("free space", outcome.Error);
    }

    [Fact]
    public void New_with_chap_secrets_a_directory_leaves_no_orphaned_peers_file_and_says_is_a_directory()
    {
        Directory.CreateDirectory(_cli.PathOf("/etc/ppp/chap-secrets"));

        var outcome = NewOffice();

        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.False(File.Exists(_cli.PathOf("/etc/ppp/peers/office")), outcome.ToString());
        Assert.False(File.Exists(_cli.PathOf("/etc/ppptui/profiles/office.toml")));
        Assert.Contains("is a directory", outcome.Error);
        Assert.DoesNotContain("free space", outcome.Error);
    }

    // Item 4: --root fences everything, or refuses.
    [Theory]
    [InlineData("connect")]
    [InlineData("disconnect")]
    public void Dialing_and_hanging_up_are_refused_under_a_sandbox_root(string verb)
    {
        _cli.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\n");
        _cli.Write("/run/ppp-office.pid", $"{Environment.ProcessId}\nppp0\n");

        var outcome = _cli.Run(verb, "office");

        Assert.Equal(ExitCodes.Usage, outcome.ExitCode);
        Assert.Contains($"--root {_cli.Root}: {verb} acts on this machine's pppd", outcome.Error);
    }

    [Fact]
    public void An_empty_root_is_refused_rather_than_taken_for_the_live_system()
    {
        var error = new StringWriter();
        var code = new CliApp(new CliIO(new StringWriter(), error, new StringReader(""), false)).Run(["--root", "", "list"]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--root is empty", error.ToString());
        Assert.Throws<ArgumentException>(() => new SystemPaths(""));
    }

    [Fact]
    public void A_missing_root_folder_is_named_as_missing()
    {
        var missing = Path.Join(_cli.Root, "no", "such");
        var error = new StringWriter();
        var output = new StringWriter();
        var code = new CliApp(new CliIO(output, error, new StringReader(""), false)).Run(["--root", missing, "list"]);

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains($"--root {missing}: no such folder", error.ToString());
        Assert.DoesNotContain("No profiles", output.ToString());
    }

    // Item 5: a secrets file readable by others is narrowed, and the user is told.
    [Fact]
    public void Applying_over_a_0644_chap_secrets_makes_it_0600_and_says_so()
    {
        _cli.Write("/etc/ppp/chap-secrets", "bob other s3 *\n", Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var outcome = NewOffice();

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(Private, File.GetUnixFileMode(_cli.PathOf("/etc/ppp/chap-secrets")));
        Assert.Contains("/etc/ppp/chap-secrets was mode 0644", outcome.Error);
        Assert.Contains("made it 0600", outcome.Error);
    }

    // Item 9.
    [Fact]
    public void Explain_of_a_name_that_is_no_profile_and_no_peers_file_exits_3()
    {
        _cli.Write("/var/log/syslog", "Nov 24 14:12:01 host pppd[4321]: Connect: ppp0 <--> /dev/pts/1\nNov 24 14:12:05 host pppd[4321]: MS-CHAP authentication failed: E=691\n");

        var outcome = _cli.Run("explain", "nosuch");

        Assert.Equal(ExitCodes.NotFound, outcome.ExitCode);
        Assert.DoesNotContain("E=691", outcome.Out);
    }

    // Item 10.
    [Fact]
    public void The_unexpected_error_hint_names_ppptuis_log_file_not_a_command_that_fails()
    {
        var paths = new SystemPaths(_cli.Root);
        var error = new StringWriter();
        var context = new CliContext(paths, new CliIO(new StringWriter(), error, new StringReader(""), false), json: false, new Core.Processes.CliWrapCommandRunner());

        var code = CliErrors.Report(context, new InvalidOperationException("boom"));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.DoesNotContain("--source ppptui", error.ToString());
        Assert.Contains(AppLog.PathFor(paths), error.ToString());
        Assert.Contains(AppLog.PathFor(paths), AppLog.Candidates(paths).Append(AppLog.PathFor(paths)));
    }

    // Items 11 and 22: binary junk is an invalid file (6), and the fix rewrites nothing we do not own.
    [Fact]
    public void Binary_junk_in_chap_secrets_exits_6_with_its_line_and_never_advises_converting_the_file()
    {
        var junk = Encoding.UTF8.GetBytes("bob other s3 *\n").Concat(new byte[] { 0x63, 0xff, 0xfe, 0x20, 0x2a, 0x0a }).ToArray();
        Directory.CreateDirectory(_cli.PathOf("/etc/ppp"));
        File.WriteAllBytes(_cli.PathOf("/etc/ppp/chap-secrets"), junk);

        var outcome = NewOffice();
        var json = NewOffice("home", "--json");

        Assert.Equal(ExitCodes.Invalid, outcome.ExitCode);
        Assert.Contains("chap-secrets:2: not valid UTF-8", outcome.Error);
        Assert.DoesNotContain("iconv", outcome.Error);
        Assert.Equal(junk, File.ReadAllBytes(_cli.PathOf("/etc/ppp/chap-secrets")));
        using var error = JsonDocument.Parse(json.Error);
        Assert.Equal(2, error.RootElement.GetProperty("line").GetInt32());
        Assert.EndsWith("/etc/ppp/chap-secrets", error.RootElement.GetProperty("file").GetString());
    }

    // Item 19.
    [Fact]
    public void Apply_with_no_name_tries_every_profile_and_reports_each_failure()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            Assert.Equal(ExitCodes.Ok, NewOffice(name).ExitCode);
            Assert.Equal(ExitCodes.Ok, _cli.Run("set", name, "--mtu", "1400").ExitCode);
        }
        File.AppendAllText(_cli.PathOf("/etc/ppp/peers/b"), "debug\n");

        var outcome = _cli.Run("apply");

        Assert.Equal(ExitCodes.Conflict, outcome.ExitCode);
        Assert.Contains("mtu 1400", _cli.Read("/etc/ppp/peers/a"));
        Assert.Contains("mtu 1400", _cli.Read("/etc/ppp/peers/c"));
        Assert.DoesNotContain("mtu 1400", _cli.Read("/etc/ppp/peers/b"));
        Assert.Contains("/etc/ppp/peers/b changed on disk", outcome.Error);
        Assert.Contains("1 of 3 profile(s) not applied", outcome.Error);
    }

    // Item 21.
    [Fact]
    public void With_json_new_and_set_print_json_and_an_error_is_one_json_object_on_stderr()
    {
        var created = NewOffice("office", "--json");
        var saved = _cli.Run("--json", "set", "office", "--mtu", "1400");
        var bad = _cli.Run("--json", "set", "office", "--mtu", "9");
        var missing = _cli.Run("--json", "show", "nosuch");
        var usage = _cli.Run("--json", "new", "x");
        var nothingToImport = _cli.Run("--json", "import");

        Assert.Equal(ExitCodes.Ok, created.ExitCode);
        using (var json = JsonDocument.Parse(created.Out))
            Assert.Contains("/etc/ppp/peers/office", json.RootElement.GetProperty("written").EnumerateArray().Select(e => e.GetString()));
        using (var json = JsonDocument.Parse(saved.Out))
            Assert.Equal("/etc/ppp/peers/office", json.RootElement.GetProperty("pending")[0].GetString());
        using (var json = JsonDocument.Parse(nothingToImport.Out))
            Assert.Equal(0, json.RootElement.GetArrayLength());
        foreach (var (outcome, code) in new[] { (bad, ExitCodes.Usage), (missing, ExitCodes.NotFound), (usage, ExitCodes.Usage) })
        {
            Assert.Equal(code, outcome.ExitCode);
            Assert.Equal("", outcome.Out);
            using var json = JsonDocument.Parse(outcome.Error);
            Assert.Equal(code, json.RootElement.GetProperty("code").GetInt32());
            foreach (var key in new[] { "message", "cause", "fix", "file", "line" })
                Assert.True(json.RootElement.TryGetProperty(key, out _), $"no {key} in {outcome.Error}");
        }
    }

    // Item 22: every code in the README's table, from the case it documents. 4 (needs root) is
    // proven by NotRootTests and LinkVerbsTests.Connect_without_root_on_the_live_system_exits_needs_root_and_runs_nothing,
    // 7 by LinkVerbsTests.A_failed_connect_exits_link_down_with_cause_fix_and_evidence, 8 by DoctorVerbsTests.
    public static TheoryData<int, string> ExitCodeCases => new()
    {
        { ExitCodes.Ok, "list" },
        { ExitCodes.Failure, "new-with-chap-secrets-a-directory" },
        { ExitCodes.Usage, "nosuchverb" },
        { ExitCodes.Usage, "new-without-kind" },
        { ExitCodes.Usage, "new-with-an-invalid-mtu" },
        { ExitCodes.NotFound, "show-nosuch" },
        { ExitCodes.Conflict, "apply-over-a-hand-edit" },
        { ExitCodes.Invalid, "show-an-unparseable-profile" },
    };

    [Theory]
    [MemberData(nameof(ExitCodeCases))]
    public void Each_exit_code_comes_from_the_case_the_readme_documents(int expected, string scenario)
    {
        var outcome = scenario switch
        {
            "list" => _cli.Run("list"),
            "new-with-chap-secrets-a-directory" => Run(() => Directory.CreateDirectory(_cli.PathOf("/etc/ppp/chap-secrets")), () => NewOffice()),
            "nosuchverb" => _cli.Run("nosuchverb"),
            "new-without-kind" => _cli.Run("new", "x"),
            "new-with-an-invalid-mtu" => NewOffice("office", "--mtu", "abc"),
            "show-nosuch" => _cli.Run("show", "nosuch"),
            "apply-over-a-hand-edit" => Run(() =>
            {
                NewOffice();
                _cli.Run("set", "office", "--mtu", "1400");
                File.AppendAllText(_cli.PathOf("/etc/ppp/peers/office"), "debug\n");
            }, () => _cli.Run("apply", "office")),
            "show-an-unparseable-profile" => Run(() => _cli.Write("/etc/ppptui/profiles/office.toml", "name = \"office\"\nkind = [\n"), () => _cli.Run("show", "office")),
            _ => throw new ArgumentException(scenario),
        };

        Assert.True(expected == outcome.ExitCode, $"{scenario}: {outcome}");
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    private static CliOutcome Run(Action arrange, Func<CliOutcome> act)
    {
        arrange();
        return act();
    }

    [Fact]
    public void The_readme_exit_code_table_is_the_one_the_cli_uses()
    {
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(PppTui.Tests.Tui.Headless.ThemesFolder())!, "README.md"));
        var rows = Regex.Matches(readme, @"^\| (\d) \| (.+) \|$", RegexOptions.Multiline)
            .Select(m => (int.Parse(m.Groups[1].Value), m.Groups[2].Value.Replace("`", ""))).ToList();

        Assert.Equal(ExitCodes.All.Select(c => (c.Code, c.Meaning)), rows);
    }
}
