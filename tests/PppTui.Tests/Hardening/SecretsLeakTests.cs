namespace PppTui.Tests.Hardening;

/// <summary>
/// A whole CLI session with passwords and a SIM PIN, including refused input, a hand-written
/// peers file that carries a password, a failed dial and deletes: afterwards no password or PIN
/// is found in anything ppptui printed, logged, wrote or handed to a process, except the files
/// whose job is to hold them (chap-secrets, pap-secrets, the chat script, their 0600 backups).
/// </summary>
public sealed class SecretsLeakTests : IDisposable
{
    private readonly ITestOutputHelper output;

    private const string Password = "Vq8mZ2rTk5wX";
    private const string QuotedPassword = "S3cr \"q\" #9'x";
    private const string Pin = "86429713";
    private const string HandSecret = "HandEdited-Secret-77";
    private const string LegacyPassword = "Legacy-Pw-4242";

    /// <summary>Typed and refused: these must not even reach a secrets file.</summary>
    private static readonly string[] RefusedSecrets = ["Refused-Pw-0001", "Refused-Pw-0002", "@/etc/Refused-Pw-0003", "Refused\tPw-0004", "Refused-Pw-0005"];

    private readonly string _root = Path.Join(Path.GetTempPath(), "ppptui-secrets-" + Guid.NewGuid().ToString("N"));
    private readonly FakeCommandRunner _runner = new();
    private readonly StringBuilder _transcript = new();
    private readonly Serilog.ILogger _previousLogger = Serilog.Log.Logger;

    public SecretsLeakTests(ITestOutputHelper output)
    {
        this.output = output;
        Directory.CreateDirectory(Path.Join(_root, "etc", "ppp", "peers"));
        Directory.CreateDirectory(Path.Join(_root, "proc"));
    }

    public void Dispose()
    {
        Serilog.Log.CloseAndFlush();
        Serilog.Log.Logger = _previousLogger;
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string PathOf(string systemPath) => Path.Join(_root, systemPath.TrimStart('/'));

    private CliOutcome Run(string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new CliApp(new CliIO(stdout, stderr, new StringReader(stdin ?? ""), InputIsTerminal: false), _runner, ownLog: true);
        var code = app.Run(["--root", _root, .. args]);
        var outcome = new CliOutcome(code, stdout.ToString(), stderr.ToString());
        _transcript.Append("$ ppptui ").AppendJoin(' ', args).Append('\n').Append(outcome).Append('\n');
        Assert.DoesNotContain("   at ", outcome.Error); // never a stack trace
        return outcome;
    }

    private void Ok(string? stdin, params string[] args)
    {
        var outcome = Run(stdin, args);
        Assert.True(outcome.ExitCode == 0, $"ppptui {string.Join(' ', args)}: {outcome}");
    }

    [Fact]
    public void A_whole_session_leaves_no_password_or_pin_outside_the_files_that_hold_them()
    {
        // Profiles with a password, a PIN, and a hand-written peers file using pppd's "password" option.
        Ok(Password, "new", "office", "--kind", "pptp", "--server", "192.0.2.1", "--user", "alice", "--password-stdin");
        Ok(null, "show", "office");
        Ok(null, "--json", "show", "office");
        Ok(null, "list");
        Ok(null, "--json", "list");
        Ok(null, "set", "office", "--mtu", "1400");
        Ok(null, "preview", "office");
        Ok(null, "--json", "preview", "office");
        Ok(null, "diff", "office");
        Ok(null, "--json", "diff", "office");
        Ok(null, "apply", "office");
        Ok(QuotedPassword, "set", "office", "--password-stdin");
        Ok(null, "--json", "apply", "office");
        Ok(null, "effective", "office", "--all");
        Ok(null, "--json", "effective", "office");
        Ok(Pin, "new", "lte", "--kind", "modem", "--device", "/dev/ttyUSB2", "--apn", "internet", "--number", "*99#", "--pin-stdin");
        Ok(null, "preview", "lte");
        Ok(null, "--json", "diff", "lte");
        Ok(null, "--json", "show", "lte");
        File.AppendAllText(PathOf("/etc/ppp/chap-secrets"), $"carol * {HandSecret} *\n");
        File.WriteAllText(PathOf("/etc/ppp/peers/legacy"), $"pty \"pptp 192.0.2.9 --nolaunchpppd\"\nname carol\npassword {LegacyPassword}\nmtu 1400\n");
        Ok(null, "import", "legacy");
        Ok(null, "--json", "import", "legacy", "--replace");
        Ok(null, "show", "legacy");
        Ok(null, "--json", "show", "legacy");
        Ok(null, "preview", "legacy");
        Ok(null, "set", "legacy", "--mtu", "1300");
        Ok(null, "diff", "legacy");
        Ok(null, "apply", "legacy");
        Ok(null, "effective", "legacy", "--all");
        Ok(null, "--json", "effective", "legacy");

        // Refused input with a secret typed: the refusal names the problem, never the secret.
        Assert.Equal(ExitCodes.Usage, Run(RefusedSecrets[0], "set", "office", "--mtu", "abc", "--password-stdin").ExitCode);
        Assert.Equal(ExitCodes.Usage, Run(RefusedSecrets[1], "new", "bad", "--kind", "pptp", "--server", "bad host!", "--user", "bob", "--password-stdin").ExitCode);
        Assert.Equal(ExitCodes.Usage, Run(RefusedSecrets[2], "set", "office", "--password-stdin").ExitCode);
        Assert.Equal(ExitCodes.Usage, Run(RefusedSecrets[3], "apply", "office", "--password-stdin").ExitCode);
        File.AppendAllText(PathOf("/etc/ppp/peers/office"), "# edited by hand\n");
        Assert.Equal(ExitCodes.Conflict, Run(RefusedSecrets[4], "set", "office", "--mtu", "1300", "--password-stdin").ExitCode);
        Ok(null, "apply", "office", "--force");

        // Links: a dial that fails authentication, status, explain, disconnect of a link that is down.
        _runner.DialOutput = ["Using interface ppp0", "Connect: ppp0 <--> /dev/pts/3", "MS-CHAP authentication failed: E=691 Authentication failure",
            "CHAP authentication failed"];
        Assert.Equal(ExitCodes.LinkDown, Run(null, "connect", "office", "--wait", "5").ExitCode);
        Assert.Equal(ExitCodes.LinkDown, Run(null, "--json", "connect", "office", "--wait", "5").ExitCode);
        Run(null, "status");
        Run(null, "--json", "status", "office");
        Run(null, "explain", "office");
        Run(null, "disconnect", "office");

        // Our own log, read back through the log verb.
        Serilog.Log.CloseAndFlush();
        var appLog = Path.Join(new SystemPaths(_root).VarLog, "ppptui", AppLog.FileName);
        Assert.True(File.Exists(appLog), "ppptui's own log was not written under the sandbox");
        Ok(null, "logs", "--source", appLog);
        Ok(null, "--json", "logs", "--source", appLog, "--program", "ppptui");

        output.WriteLine("before the deletes: " + ScanEverything(appLog));
        Ok(null, "delete", "office");
        Ok(null, "--json", "delete", "lte");
        Ok(null, "delete", "legacy", "--keep-files");
        Serilog.Log.CloseAndFlush();

        output.WriteLine("at the end: " + ScanEverything(appLog));
    }

    private string ScanEverything(string appLog)
    {
        var secrets = new[] { Password, QuotedPassword, Pin, HandSecret, LegacyPassword }.Concat(RefusedSecrets).ToArray();
        var places = new List<(string Where, string Text)> { ("the printed output", _transcript.ToString()) };
        foreach (var spec in _runner.Specs)
            places.Add(($"the command {spec.Program}", string.Join("\u0000", [spec.Program, .. spec.Arguments,
                .. (spec.Environment ?? new Dictionary<string, string?>()).Select(e => e.Key + "=" + e.Value)])));

        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ToList();
        var holders = new List<string>();
        foreach (var file in files)
        {
            var relative = "/" + Path.GetRelativePath(_root, file);
            var backupOf = relative.StartsWith("/var/backups/ppptui/", StringComparison.Ordinal) ? Path.GetFileName(relative) : "";
            var holdsSecrets = relative is "/etc/ppp/chap-secrets" or "/etc/ppp/pap-secrets" or "/etc/chatscripts/lte" ||
                               backupOf.StartsWith("etc_ppp_chap-secrets.", StringComparison.Ordinal) ||
                               backupOf.StartsWith("etc_ppp_pap-secrets.", StringComparison.Ordinal) ||
                               backupOf.StartsWith("etc_chatscripts_lte.", StringComparison.Ordinal);
            // The user's own peers file held the legacy password before ppptui saw it; ppptui keeps that file as it was.
            var usersOwn = relative == "/etc/ppp/peers/legacy" || backupOf.StartsWith("etc_ppp_peers_legacy.", StringComparison.Ordinal);
            if (holdsSecrets)
            {
                holders.Add(relative);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                continue;
            }
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            places.Add((relative, usersOwn ? text.Replace(LegacyPassword, "(the user's own)") : text));
        }

        var leaks = new List<string>();
        foreach (var (where, text) in places)
            foreach (var secret in secrets)
                foreach (var form in Forms(secret).Distinct())
                {
                    var at = text.IndexOf(form, StringComparison.Ordinal);
                    if (at >= 0) leaks.Add($"{where} holds {form}: ...{text.Substring(Math.Max(0, at - 60), Math.Min(text.Length - Math.Max(0, at - 60), 80 + form.Length))}...");
                }
        Assert.True(leaks.Count == 0, "secrets found:\n" + string.Join("\n", leaks));

        // The refused secrets reached no file at all, not even the secrets files.
        foreach (var holder in holders)
            foreach (var refused in RefusedSecrets)
                Assert.DoesNotContain(refused, File.ReadAllText(PathOf(holder)));

        Assert.Contains(File.ReadAllText(appLog).Split('\n'), l => l.Contains("Wrote ", StringComparison.Ordinal));
        return $"scanned {places.Count} outputs and files ({files.Count} files, {_runner.Specs.Count} process specs, " +
               $"{new FileInfo(appLog).Length} bytes of ppptui's log) for {secrets.Length} secrets; {holders.Count} files hold secrets by design, all 0600";
    }

    /// <summary>The secret as written raw, in pppd quoting, as JSON and as TOML would escape it.</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        if (PppQuoting.TryQuote(secret, out var quoted, out _)) yield return quoted.Trim('"');
        yield return JsonSerializer.Serialize(secret).Trim('"');
        yield return JsonSerializer.Serialize(secret, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Trim('"');
    }

    [Fact]
    public void Applying_clears_the_secrets_it_was_given_and_a_refused_apply_writes_none()
    {
        var paths = new SystemPaths(_root);
        var service = new ProfileService(paths, Serilog.Core.Logger.None);
        var profile = service.Create("office", ProfileKind.Pptp);
        profile.Pptp!.Server = "192.0.2.1";
        profile.Ppp.User = "alice";
        var secrets = new ProfileSecrets { Password = Password };

        service.Apply(profile, secrets);

        Assert.True(secrets.IsEmpty);
        Assert.Null(secrets.Password);
        Assert.Equal(Password, SecretsFile.Parse(File.ReadAllText(paths.ChapSecrets)).Find("alice", "office")!.Secret);

        var refused = new ProfileSecrets { Password = RefusedSecrets[2] };
        Assert.Throws<ProfileInvalidException>(() => service.Apply(profile, refused));
        Assert.DoesNotContain(RefusedSecrets[2], File.ReadAllText(paths.ChapSecrets));
    }
}

/// <summary>
/// Records every command the CLI hands to the runner; answers <c>ip</c> with empty JSON and plays
/// a scripted pppd for dials.
/// </summary>
public sealed class FakeCommandRunner : ICommandRunner
{
    private readonly List<CommandSpec> _specs = [];

    public IReadOnlyList<string> DialOutput { get; set; } = [];

    public IReadOnlyList<CommandSpec> Specs
    {
        get
        {
            lock (_specs) return [.. _specs];
        }
    }

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        lock (_specs) _specs.Add(spec);
        var stdout = spec.Program == "ip" ? "[]" : "";
        return Task.FromResult(new CommandResult(0, stdout, "", TimeSpan.Zero));
    }

    public async IAsyncEnumerable<CommandEvent> StreamAsync(CommandSpec spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (_specs) _specs.Add(spec);
        await Task.Yield();
        if (Path.GetFileName(spec.Program) != "pppd") yield break;
        yield return new CommandStarted(4242);
        foreach (var line in DialOutput) yield return new CommandOutputLine(line, false);
        yield return new CommandExited(19);
    }
}
