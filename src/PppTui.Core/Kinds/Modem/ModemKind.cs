namespace PppTui.Core.Kinds.Modem;

/// <summary>
/// A serial or cellular modem: the device and speed as bare words, <c>connect "chat -v -f SCRIPT"</c>,
/// and the chat script with the APN, the optional SIM PIN and the number. A connect command that
/// is not ours (inline chat, a shell script) is kept exactly as written.
/// </summary>
public sealed partial class ModemKind() : SettingsKind<ModemSettings>(Id, TomlKeys), IProfileKind
{
    private const string ChatProgram = "/usr/sbin/chat";

    /// <summary>The kind's id in profile files and on the command line.</summary>
    public static readonly ProfileKind Id = new("modem");

    public string DisplayName => Msg.T("Modem");
    public string Description => Msg.T("A cellular (3G/4G) or dial-up modem on a serial port, dialled by chat");

    public IReadOnlyList<ProfileField> Fields { get; } =
    [
        ConnectionText("device", "Device", "Serial device of the modem (e.g. /dev/ttyUSB2)", s => s.Device, (s, v) => s.Device = v),
        ConnectionNumber("speed", "Speed", "Serial speed in bit/s (115200 for most modems)", s => s.Speed, (s, v) => s.Speed = v),
        ConnectionText("apn", "APN", "Access point name from the mobile operator (e.g. internet)", s => s.Apn, (s, v) => s.Apn = v),
        ConnectionText("number", "Number", "Number to dial (*99# for cellular data)", s => s.Number, (s, v) => s.Number = v),
        new("pin", "SIM PIN", "Written only into the chat script (mode 0600); leave empty if the SIM has none", FieldType.Secret,
            d => d.Secrets.Pin, (d, v) => { d.Secrets.Pin = string.IsNullOrEmpty(v) ? null : v; return null; }) { Section = ProfileFields.Connection },
    ];

    private static readonly KindTomlKey<ModemSettings>[] TomlKeys =
    [
        KindTomlKey<ModemSettings>.Text("device", s => s.Device, (s, v) => s.Device = v),
        KindTomlKey<ModemSettings>.Number("speed", s => s.Speed, (s, v) => s.Speed = v),
        KindTomlKey<ModemSettings>.Text("apn", s => s.Apn, (s, v) => s.Apn = v),
        KindTomlKey<ModemSettings>.Text("number", s => s.Number, (s, v) => s.Number = v),
        KindTomlKey<ModemSettings>.Text("chat_script", s => s.ChatScript, (s, v) => s.ChatScript = v),
        KindTomlKey<ModemSettings>.Text("connect", s => s.ConnectCommand, (s, v) => s.ConnectCommand = v),
    ];

    public void Validate(Profile profile, Action<string, string?> check)
    {
        var modem = Of(profile);
        check("device", ValueRules.CheckDevice(modem.Device));
        check("speed", ValueRules.CheckSpeed(modem.Speed));
        if (modem.ConnectCommand is { } connect)
        {
            check("connect", PppQuoting.Check(connect) is { } problem ? "the connect command " + problem : null);
            // Unused while the connect command is kept, but still saved in the profile file.
            check("apn", ValueRules.CheckPlainText(modem.Apn, "the APN"));
            check("number", ValueRules.CheckPlainText(modem.Number, "the number"));
            check("chat-script", ValueRules.CheckPlainText(modem.ChatScript, "the chat script path"));
        }
        else
        {
            check("apn", ValueRules.CheckApn(modem.Apn));
            check("number", ValueRules.CheckDialNumber(modem.Number));
            check("chat-script", ValueRules.CheckSafePath(modem.ChatScript));
        }
    }

    public IReadOnlyList<string> OwnedOptions { get; } = ["connect"];

    public KindNeeds Needs(Profile profile) =>
        KindNeeds.AsyncTty | (Of(profile).ConnectCommand is null ? KindNeeds.ChatProgram : KindNeeds.None);

    public string? Device(Profile profile) => Of(profile).Device;

    public IEnumerable<string> OwnFilePaths(Profile profile) =>
        Of(profile).ConnectCommand is null ? [ScriptPathFor(profile)] : [];

    [GeneratedRegex("""AT\+CGDCONT=\d+,"[^"]*","([^"]*)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex ApnCommand();

    [GeneratedRegex(@"^ATD[TP]?(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DialCommand();

    [GeneratedRegex(@"^(?:\\q)?AT\+CPIN=""?(\d+)""?$", RegexOptions.IgnoreCase)]
    private static partial Regex PinCommand();

    public bool Recognises(OptionFile peers) =>
        IsChatCommand(peers.GetArgument("connect")) || DeviceEntry(peers) is not null;

    public bool Models(OptionEntry entry, OptionFile peers) =>
        entry.Name == "connect" || entry.NameWord == DeviceEntry(peers)?.NameWord || entry.NameWord == SpeedEntry(peers)?.NameWord;

    public void Import(OptionFile peers, Profile profile, KindContext context)
    {
        var modem = Of(profile);
        modem.Device = DeviceEntry(peers)?.Name is { } device ? (device.StartsWith('/') ? device : "/dev/" + device) : null;
        modem.Speed = SpeedEntry(peers) is { } speed ? int.Parse(speed.Name, CultureInfo.InvariantCulture) : null;
        var connect = peers.GetArgument("connect");
        var script = ChatScriptPath(connect);
        if (script is null)
        {
            // No connect option at all (a null-modem cable, or the dialogue set elsewhere) stays so.
            modem.ConnectCommand = connect ?? "";
            return;
        }
        var text = TextFile.ReadIfReadable(context.Paths.Resolve(script));
        if (text is null)
        {
            // A script ppptui cannot read (missing, unreadable) cannot be edited either: the
            // connect command stays as written, which pppd accepts, instead of a profile that
            // lacks the number and that apply would refuse.
            modem.ConnectCommand = connect;
            return;
        }
        modem.ChatScript = script;
        var chat = ChatScript.Parse(text);
        modem.Apn = chat.FindSend(s => ApnCommand().IsMatch(s)) is { } apn ? ApnCommand().Match(apn.Value).Groups[1].Value : null;
        modem.Number = chat.FindSend(s => DialCommand().IsMatch(s)) is { } dial ? DialCommand().Match(dial.Value).Groups[1].Value : null;
        if (ValueRules.CheckApn(modem.Apn) is not null || ValueRules.CheckDialNumber(modem.Number) is not null)
        {
            // A dialogue ppptui cannot model (a shell script around chat, a template's
            // placeholder, chat's \T inside the APN, CRLF lines that shift chat's strings) is
            // still one pppd runs: the connect command stays as written rather than a profile
            // apply refuses.
            modem.ConnectCommand = connect;
            modem.ChatScript = null;
            modem.Apn = null;
            modem.Number = null;
        }
    }

    public void Render(PeersEditor peers, Profile profile, KindContext context)
    {
        var modem = Of(profile);
        var device = DeviceEntry(peers.File);
        if (modem.Device is null) { if (device is not null) peers.Remove(device.Name); }
        else if (device is null) peers.Add(modem.Device);
        else if (device.Name != modem.Device && "/dev/" + device.Name != modem.Device) peers.ReplaceWord(device.NameWord, modem.Device);

        var speed = SpeedEntry(peers.File);
        var wantedSpeed = modem.Speed?.ToString(CultureInfo.InvariantCulture);
        if (wantedSpeed is null) { if (speed is not null) peers.Remove(speed.Name); }
        else if (speed is null) peers.Add(wantedSpeed);
        else if (speed.Name != wantedSpeed) peers.ReplaceWord(speed.NameWord, wantedSpeed);

        if (modem.ConnectCommand is not null)
        {
            // Empty: no connect script, which a "connect" with an empty argument also means to pppd.
            if (modem.ConnectCommand.Length > 0) peers.Value("connect", modem.ConnectCommand);
            else if (peers.Argument("connect") is { Length: > 0 }) peers.Remove("connect");
            return;
        }
        var script = ScriptPathFor(profile);
        if (ChatScriptPath(peers.Argument("connect")) != script)
            peers.Value("connect", $"{ChatProgram} -v -f {script}");
    }

    public void ApplyDefaults(Profile profile)
    {
        var modem = Of(profile);
        modem.Speed = 115200;
        modem.Number = "*99#";
        modem.ChatScript = SystemPaths.ChatScriptSystemPath(profile.Name);
        var ppp = profile.Ppp;
        ppp.NameLinkAfter(profile.Name);
        ppp.NoAuth = true;
        ppp.DefaultRoute = DefaultRouteMode.Add;
        ppp.UsePeerDns = true;
        profile.ExtraOptions = ["noipdefault", "lock", "crtscts"];
    }

    public IEnumerable<PlannedFile> RenderOwnFiles(Profile profile, KindContext context, Func<string, string?> readDisk)
    {
        var modem = Of(profile);
        if (modem.ConnectCommand is not null) yield break;
        var systemPath = ScriptPathFor(profile);
        var fullPath = context.Paths.Resolve(systemPath);
        var old = readDisk(fullPath);
        // An empty PIN (an empty line on --pin-stdin) means the SIM has none, not "AT+CPIN=".
        var pin = string.IsNullOrEmpty(context.Secrets?.Pin) ? null : context.Secrets.Pin;
        var text = old is null ? NewScript(profile, pin) : EditScript(old, modem, pin);
        yield return new PlannedFile(systemPath, fullPath, FileRole.ChatScript, old, text,
            old is null ? FileFingerprint.Absent : FileFingerprint.Of(old), PlannedFile.ModeFor(FileRole.ChatScript))
        {
            Mask = MaskPin,
        };
    }

    /// <summary>Hides a SIM PIN in a chat script's text.</summary>
    public static string MaskPin(string text) =>
        PinInCommand().Replace(text, static m => m.Groups[1].Value + new string('*', m.Groups[2].Length));

    [GeneratedRegex(@"(AT\+CPIN=""?)(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex PinInCommand();

    // chat's \q: the send string is logged as "??????" even under chat -v.
    private static string HiddenPin(string pin) => "\\qAT+CPIN=" + pin;

    private static string ScriptPathFor(Profile profile) => Of(profile).ChatScript ?? SystemPaths.ChatScriptSystemPath(profile.Name);

    private static string NewScript(Profile profile, string? pin)
    {
        var modem = Of(profile);
        var lines = new List<string>
        {
            $"# Chat script for ppptui profile {profile.Name}: modem set-up and dialling.",
            "ABORT BUSY",
            "ABORT 'NO CARRIER'",
            "ABORT 'NO DIALTONE'",
            "ABORT ERROR",
            "ABORT 'NO ANSWER'",
            "TIMEOUT 30",
            "'' AT",
            "OK ATZ",
        };
        var sends = new List<string>();
        if (!string.IsNullOrEmpty(modem.Apn)) sends.Add($"AT+CGDCONT=1,\"IP\",\"{modem.Apn}\"");
        sends.Add("ATD" + modem.Number);
        if (pin is not null)
        {
            // Echo off, so the modem does not repeat the PIN into chat's log; \q keeps chat from
            // logging it as sent. A SIM already unlocked answers a second PIN with +CME ERROR:
            // ERROR stops aborting for that one answer, and when no OK comes, AT brings one.
            lines.Add("OK ATE0");
            lines.Add("CLR_ABORT ERROR");
            lines.Add("TIMEOUT 5");
            lines.Add("OK " + ChatQuoting.Quote(HiddenPin(pin)));
            lines.Add("OK-AT-OK " + ChatQuoting.Quote(sends[0]));
            lines.Add("ABORT ERROR");
            lines.Add("TIMEOUT 30");
            sends.RemoveAt(0);
        }
        foreach (var send in sends) lines.Add("OK " + ChatQuoting.Quote(send));
        lines.Add("CONNECT ''");
        return string.Join('\n', lines) + "\n";
    }

    private static string EditScript(string text, ModemSettings modem, string? pin)
    {
        var chat = ChatScript.Parse(text);
        if (chat.FindSend(s => ApnCommand().IsMatch(s)) is { } apn && !string.IsNullOrEmpty(modem.Apn) &&
            ApnCommand().Match(apn.Value).Groups[1].Value != modem.Apn)
        {
            var context = ApnCommand().Match(apn.Value);
            var prefix = apn.Value[..context.Groups[1].Index];
            chat.ReplaceToken(apn, prefix + modem.Apn + "\"");
            chat = ChatScript.Parse(chat.Text);
        }
        if (chat.FindSend(s => DialCommand().IsMatch(s)) is { } dial && modem.Number is not null &&
            DialCommand().Match(dial.Value).Groups[1].Value != modem.Number)
        {
            var command = dial.Value[..(dial.Value.Length - DialCommand().Match(dial.Value).Groups[1].Length)];
            chat.ReplaceToken(dial, command + modem.Number);
            chat = ChatScript.Parse(chat.Text);
        }
        if (pin is not null)
        {
            if (chat.FindSend(s => PinCommand().IsMatch(s)) is { } current)
            {
                if (PinCommand().Match(current.Value).Groups[1].Value != pin) chat.ReplaceToken(current, HiddenPin(pin));
            }
            else if (chat.FindSend(s => ApnCommand().IsMatch(s) || DialCommand().IsMatch(s)) is { } before)
            {
                // A new PIN goes on a line of its own just before the APN (or dial) line.
                var lineStart = chat.Text.LastIndexOf('\n', Math.Max(0, before.Start - 1)) + 1;
                var newline = chat.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
                return chat.Text.Insert(lineStart, "OK " + ChatQuoting.Quote(HiddenPin(pin)) + newline);
            }
        }
        return chat.Text;
    }

    private static bool IsChatCommand(string? connect) =>
        connect is not null && CommandWords.Split(connect) is { Count: > 0 } words && CommandWords.ProgramName(words) == "chat";

    /// <summary>The script of <c>chat [flags] -f SCRIPT</c>, or null for any other connect command.</summary>
    public static string? ChatScriptPath(string? connect)
    {
        if (!IsChatCommand(connect)) return null;
        var words = CommandWords.Split(connect!);
        for (var i = 1; i < words.Count - 1; i++)
            if (words[i] == "-f") return i + 2 == words.Count ? words[i + 1] : null;
        return null;
    }

    private static OptionEntry? DeviceEntry(OptionFile peers) =>
        peers.Entries.FirstOrDefault(e => e.Argument is null && !PppOptionTable.IsKnown(e.Name) &&
            (e.Name.StartsWith("/dev/", StringComparison.Ordinal) || e.Name.StartsWith("tty", StringComparison.Ordinal) ||
             e.Name.StartsWith("rfcomm", StringComparison.Ordinal)));

    private static OptionEntry? SpeedEntry(OptionFile peers) =>
        peers.Entries.FirstOrDefault(e => e.Argument is null && e.Name.Length is > 2 and < 9 && e.Name.All(char.IsAsciiDigit));
}
