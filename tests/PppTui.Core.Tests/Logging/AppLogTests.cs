using PppTui.Core.Tests.Logs;

namespace PppTui.Core.Tests.Logging;

public class AppLogTests
{
    [Fact]
    public void Root_logs_under_the_roots_var_log()
    {
        using var dir = new TempDir();
        var paths = new SystemPaths(dir.Path);
        Assert.Equal(Path.Join(dir.Path, "var", "log", "ppptui", "ppptui.log"), AppLog.PathFor(paths, isRoot: true));
    }

    [Fact]
    public void A_user_who_cannot_write_there_logs_to_the_state_folder()
    {
        using var dir = new TempDir();
        // A root whose var/log is a file cannot hold our folder: the user's state folder is used.
        Directory.CreateDirectory(Path.Join(dir.Path, "var"));
        File.WriteAllText(Path.Join(dir.Path, "var", "log"), "not a directory");
        var state = Path.Join(dir.Path, "state");

        var path = AppLog.PathFor(new SystemPaths(dir.Path), isRoot: false, stateHome: state);

        Assert.Equal(Path.Join(state, "ppptui", "ppptui.log"), path);
    }

    [Fact]
    public void A_password_never_reaches_the_log_file()
    {
        using var dir = new TempDir();
        var path = dir.File("ppptui.log");
        const string password = "Tr0ub4dor&3";
        Redactor.RegisterSecret(password);
        try
        {
            using (var log = AppLog.CreateLogger(path))
            {
                log.Information("Wrote {Line} to {File}", "alice myvpn " + password + " *", "/etc/ppp/chap-secrets");
                log.Information("Ran {Command}", Redactor.Command(new CommandSpec("pppd", ["call", "myvpn", "password", "hunter22"]) { StandardInput = password }));
                log.Information("Set {Password} for {User}", "n0t-registered", "alice");
                log.Information("url {Url}", "https://alice:s3cr3tpw@vpn.example.net/");
                log.Warning("Secrets line {Record}", Redactor.SecretsLine("bob * 'unregistered pw' *"));
            }
            var text = File.ReadAllText(path);

            Assert.DoesNotContain(password, text);
            Assert.DoesNotContain("hunter22", text);
            Assert.DoesNotContain("n0t-registered", text);
            Assert.DoesNotContain("s3cr3tpw", text);
            Assert.DoesNotContain("unregistered pw", text);
            Assert.Contains("alice myvpn " + Redactor.Mask, text);
            Assert.Contains("/etc/ppp/chap-secrets", text);
            Assert.Contains("(with input on stdin, not logged)", text);
        }
        finally
        {
            Redactor.ForgetSecret(password);
        }
    }

    [Fact]
    public void Our_log_reads_back_as_program_ppptui_with_its_level()
    {
        using var dir = new TempDir();
        var path = dir.File("ppptui.log");
        using (var log = AppLog.CreateLogger(path))
        {
            log.Information("Wrote {File}", "/etc/ppp/peers/myvpn");
            log.Error("Could not write {File}", "/etc/ppp/chap-secrets");
        }

        var lines = new LogFileSource(path, sourceName: "ppptui").ReadAll(LogFilter.All).ToList();

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("ppptui", l.Program));
        Assert.All(lines, l => Assert.Equal(Environment.ProcessId, l.Pid));
        Assert.Equal("[INF] Wrote /etc/ppp/peers/myvpn", lines[0].Message);
        Assert.Equal(LogSeverity.Error, lines[1].Severity);
        Assert.NotNull(lines[0].Timestamp);
    }

    [Fact]
    public void Configure_sets_the_global_logger_to_the_chosen_file()
    {
        using var dir = new TempDir();
        var path = AppLog.Configure(new SystemPaths(dir.Path), isRoot: true);
        try
        {
            Serilog.Log.Information("configured");
        }
        finally
        {
            Serilog.Log.CloseAndFlush();
        }
        Assert.NotNull(path);
        Assert.Contains("configured", File.ReadAllText(path!));
    }

    [Theory]
    [InlineData("password hunter22", "password ********")]
    [InlineData("--password=hunter22 x", "--password=******** x")]
    [InlineData("secret: \"two words\"", "secret: ********")]
    [InlineData("no secrets here", "no secrets here")]
    public void Password_looking_values_are_masked_without_registration(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Fact]
    public void A_secrets_record_masks_only_its_third_field()
    {
        Assert.Equal("alice myvpn ******** *", Redactor.SecretsLine("alice myvpn s3cret *"));
        Assert.Equal("\"DOM\\\\bob\" * ******** 10.0.0.2", Redactor.SecretsLine("\"DOM\\\\bob\" * \"pw with space\" 10.0.0.2"));
    }
}
