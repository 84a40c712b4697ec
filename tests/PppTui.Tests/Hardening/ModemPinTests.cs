namespace PppTui.Tests.Hardening;

/// <summary>
/// Item 2: the SIM PIN never reaches chat's log or anything ppptui prints, and a SIM that is
/// already unlocked (it answers a second PIN with +CME ERROR) still dials.
/// </summary>
public sealed class ModemPinTests : IDisposable
{
    private const string Pin = "4711";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string NewModemScript(string? apn = "internet")
    {
        string[] apnArgs = apn is null ? [] : ["--apn", apn];
        var outcome = _cli.RunWithInput(Pin + "\n", ["new", "lte", "--kind", "modem", "--device", "/dev/ttyUSB2", .. apnArgs, "--number", "*99#", "--pin-stdin"]);
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        return _cli.Read("/etc/chatscripts/lte");
    }

    [Fact]
    public void The_pin_is_sent_hidden_from_chats_log_after_the_modem_stops_echoing()
    {
        var tokens = ChatScript.Parse(NewModemScript()).Tokens;

        var pin = tokens.Single(t => t.Value.Contains("CPIN", StringComparison.Ordinal));
        Assert.Equal(@"\qAT+CPIN=" + Pin, pin.Value);
        Assert.Contains(tokens.TakeWhile(t => t != pin), t => t.Value == "ATE0");
    }

    [Theory]
    [InlineData(true, "internet")]
    [InlineData(false, "internet")]
    [InlineData(true, null)]
    [InlineData(false, null)]
    public void The_chat_script_dials_whether_the_sim_is_locked_or_already_unlocked(bool simLocked, string? apn)
    {
        var modem = new SimulatedModem(simLocked);

        var outcome = SimulatedChat.Run(ChatScript.Parse(NewModemScript(apn)), modem);

        Assert.Equal("connected", outcome);
        Assert.Contains("ATD*99#", modem.Received);
        Assert.False(modem.Locked);
    }

    [Fact]
    public void Logs_mask_a_pin_that_an_older_chat_script_sent_in_the_clear()
    {
        _cli.Write("/var/log/syslog", $"Dec  6 01:00:00 host chat[42]: send (AT+CPIN={Pin}^M)\n");

        var outcome = _cli.Run("logs", "--source", _cli.PathOf("/var/log/syslog"), "--lines", "10");

        Assert.Contains("send (AT+CPIN=****", outcome.Out);
        Assert.DoesNotContain(Pin, outcome.Out + outcome.Error);
    }

    /// <summary>A modem on the line, answering as the lab's responder does: a locked SIM takes
    /// the PIN once, and any further PIN is answered with +CME ERROR.</summary>
    private sealed class SimulatedModem(bool locked)
    {
        public bool Locked { get; private set; } = locked;
        public List<string> Received { get; } = [];
        public string Output { get; set; } = "";

        public void Send(string command)
        {
            Received.Add(command);
            var upper = command.ToUpperInvariant();
            if (upper.StartsWith("AT+CPIN=", StringComparison.Ordinal))
            {
                if (Locked && upper.EndsWith(Pin, StringComparison.Ordinal)) { Locked = false; Reply("OK"); }
                else Reply("+CME ERROR: 3");
            }
            else if (upper.StartsWith("ATD", StringComparison.Ordinal)) Reply(Locked ? "+CME ERROR: 11" : "CONNECT 115200");
            else if (upper.StartsWith("AT+CGDCONT", StringComparison.Ordinal) && Locked) Reply("+CME ERROR: 11");
            else if (upper.StartsWith("AT", StringComparison.Ordinal)) Reply("OK");
        }

        private void Reply(string text) => Output += "\r\n" + text + "\r\n";
    }

    /// <summary>What chat does with a script: keywords, expect strings with expect-send-expect
    /// fall-backs on time-out, ABORT strings checked in what was read, and \q, \c stripped.</summary>
    private static class SimulatedChat
    {
        public static string Run(ChatScript script, SimulatedModem modem)
        {
            var aborts = new List<string>();
            var tokens = script.Tokens;
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                switch (token.Kind)
                {
                    case ChatTokenKind.Keyword when token.Value == "ABORT":
                        aborts.Add(tokens[++i].Value);
                        break;
                    case ChatTokenKind.Keyword when token.Value == "CLR_ABORT":
                        aborts.Remove(tokens[++i].Value);
                        break;
                    case ChatTokenKind.Keyword:
                        i++;
                        break;
                    case ChatTokenKind.Expect:
                        if (Expect(token.Value, modem, aborts) is { } failure) return failure;
                        if (token.Value == "CONNECT") return "connected";
                        break;
                    case ChatTokenKind.Send:
                        modem.Send(token.Value.Replace(@"\q", "", StringComparison.Ordinal).Replace(@"\c", "", StringComparison.Ordinal));
                        break;
                }
            }
            return "script ended";
        }

        private static string? Expect(string expect, SimulatedModem modem, List<string> aborts)
        {
            var parts = expect.Split('-');
            for (var p = 0; p < parts.Length; p += 2)
            {
                if (parts[p].Length == 0) return null;
                var at = modem.Output.IndexOf(parts[p], StringComparison.Ordinal);
                var read = at < 0 ? modem.Output : modem.Output[..(at + parts[p].Length)];
                if (aborts.FirstOrDefault(a => read.Contains(a, StringComparison.Ordinal)) is { } abort) return "aborted on " + abort;
                modem.Output = modem.Output[read.Length..];
                if (at >= 0) return null;
                if (p + 1 >= parts.Length) return "timed out waiting for " + parts[p];
                modem.Send(parts[p + 1]);
            }
            return null;
        }
    }
}
