namespace PppTui.Tests.Hardening;

/// <summary>With --json every line a verb prints, on stdout and on stderr, is JSON, and it says what the text says.</summary>
public sealed class JsonEverywhereTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static void EveryLineIsJson(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var _ = JsonDocument.Parse(line);
        }
    }

    [Fact]
    public void Import_json_carries_the_shared_record_warning_the_text_prints()
    {
        _cli.Write("/etc/ppp/chap-secrets", "bob * s3cret *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _cli.Write("/etc/ppp/peers/first", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname bob\n");
        _cli.Write("/etc/ppp/peers/second", "pty \"pptp 192.0.2.2 --nolaunchpppd\"\nname bob\n");
        Assert.Equal(ExitCodes.Ok, _cli.Run("import", "first").ExitCode);

        var outcome = _cli.Run("--json", "import", "second");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        var shared = json.RootElement[0].GetProperty("shares_record_with");
        Assert.Equal(["first"], shared.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Array, json.RootElement[0].GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Service_unit_json_is_one_object_holding_the_unit_text()
    {
        var outcome = _cli.Run("--json", "service", "unit");

        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Out);
        Assert.Equal("ppptui@.service", json.RootElement.GetProperty("unit").GetString());
        Assert.Contains("[Service]", json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Logs_json_prints_its_notices_on_stderr_as_json_too()
    {
        _cli.Write("/etc/ppp/peers/office", "pty \"pptp 192.0.2.1 --nolaunchpppd\"\n");
        _cli.Write("/var/log/syslog", "Nov 24 14:12:01 host pppd[4321]: Connect: ppp0 <--> /dev/pts/1\n");

        var outcome = _cli.Run("--json", "logs", "office", "--source", _cli.PathOf("/var/log/syslog"));

        Assert.Contains("is not running", outcome.Error);
        EveryLineIsJson(outcome.Out);
        EveryLineIsJson(outcome.Error);
    }
}
