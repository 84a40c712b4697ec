using static PppTui.Core.Tests.Hardening.HostileGen;

namespace PppTui.Core.Tests.Hardening;

/// <summary>
/// Every profile field that reaches a file pppd or chat reads: any value is either refused with a
/// message naming the field, or written so that the reference reader (<see cref="PppdReference"/>,
/// independent of the core's readers) gets exactly that value back and no extra option or line;
/// import gives the value back, and rendering again over the result changes nothing.
/// </summary>
public class FieldRenderingPropertyTests
{
    internal static readonly SandboxRoot Root = new();
    internal static readonly ProfileRenderer Renderer = new(Root.Paths);
    private static readonly PeersImporter Importer = new(Root.Paths);

    [Fact]
    public void Any_pppoe_interface_service_and_access_concentrator_is_refused_or_read_back_exactly()
    {
        var interfaces = Field(Gen.OneOf(
            Gen.Select(Gen.OneOfConst("eth", "enp3s", "wan", "nic-eth", "br-", "vlan.", "lock", "mtu", "debug", "noauth", "0x", ""),
                Of("0123456789abz._-", 0, 12), (a, b) => a + b),
            Of("0123456789", 1, 6)));
        var optional = Gen.Null(Field(Of("abcXYZ019 -_.#\"'\\", 1, 20)), 0.3);
        var accepted = 0;
        Gen.Select(interfaces, optional, optional).Sample((iface, service, ac) =>
        {
            var profile = Pppoe(iface, service, ac);
            var errors = ProfileValidator.Validate(profile);
            if (errors.Count > 0)
            {
                AssertRefusedFor(errors, "interface", "service", "ac");
                return;
            }
            Interlocked.Increment(ref accepted);
            var plan = Renderer.Plan(profile, null, _ => null);
            var peers = plan.Files[0].NewText;

            var expected = ExpectedOptions(Pppoe("ethplaceholder", service is null ? null : "svcplaceholder", ac is null ? null : "acplaceholder"),
                ("ethplaceholder", iface), ("svcplaceholder", service), ("acplaceholder", ac));
            Assert.Equal(expected, PppdReference.Options(peers));

            var imported = Importer.FromText(profile.Name, peers).Profile.Pppoe!;
            Assert.Equal((iface, service, ac), (imported.Interface, imported.ServiceName, imported.AccessConcentrator));
            AssertRenderingAgainChangesNothing(profile, null, plan);
        }, iter: Iterations);
        AssertEnoughAccepted(accepted);
    }

    [Fact]
    public void Any_modem_device_apn_number_and_pin_is_refused_or_read_back_exactly_by_pppd_and_chat()
    {
        var devices = Field(Gen.Select(Gen.OneOfConst("/dev/ttyUSB", "/dev/serial/by-id/usb-", "/dev/", "/dev/tty", "dev/", "/dev/../"),
            Of("0123456789abZ._-/", 0, 20), (a, b) => a + b), 12);
        var apns = Gen.Null(Field(Of("abcxyz0123456789.-_", 1, 30), 12), 0.2);
        var numbers = Field(Of("0123456789*#+,PTWpw", 1, 45), 12);
        var pins = Gen.Null(Field(Of("0123456789", 3, 9), 12), 0.4);
        var accepted = 0;
        Gen.Select(devices, apns, numbers, pins).Sample((device, apn, number, pin) =>
        {
            var profile = Modem(device, apn, number);
            var secrets = new ProfileSecrets { Pin = pin };
            var errors = ProfileValidator.Validate(profile, secrets);
            if (errors.Count > 0)
            {
                AssertRefusedFor(errors, "device", "apn", "number", "pin");
                return;
            }
            Interlocked.Increment(ref accepted);
            var plan = Renderer.Plan(profile, secrets, _ => null);
            var peers = plan.Files[0].NewText;
            var chat = plan.Files.Single(f => f.Role == FileRole.ChatScript);

            var template = Modem("/dev/ttyPLACEHOLDER", string.IsNullOrEmpty(apn) ? apn : "apnplaceholder", "5550100");
            var templateSecrets = new ProfileSecrets { Pin = string.IsNullOrEmpty(pin) ? null : "86420000" };
            (string, string?)[] replacements = [("/dev/ttyPLACEHOLDER", device), ("apnplaceholder", apn ?? ""), ("5550100", number), ("86420000", pin ?? "")];
            Assert.Equal(ExpectedOptions(template, replacements), PppdReference.Options(peers));

            var templateChat = Renderer.Plan(template, templateSecrets, _ => null).Files.Single(f => f.Role == FileRole.ChatScript).NewText;
            var expectedStrings = PppdReference.ChatStrings(templateChat)!.Select(s => (s.IsSend, Replace(s.Value, replacements)!)).ToList();
            var strings = PppdReference.ChatStrings(chat.NewText);
            Assert.NotNull(strings);
            Assert.Equal(expectedStrings, strings!.Select(s => (s.IsSend, s.Value)));
            if (!string.IsNullOrEmpty(pin))
            {
                // chat's \q keeps the PIN out of its log; chat strips it before sending.
                Assert.Contains((true, @"\qAT+CPIN=" + pin), strings.Select(s => (s.IsSend, s.Value)));
                Assert.DoesNotContain("CPIN=" + pin, chat.PreviewText, StringComparison.Ordinal);
                Assert.DoesNotContain("CPIN=" + pin, chat.Diff(), StringComparison.Ordinal);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, chat.NewFileMode);
            }

            var imported = ImportWithFiles(profile.Name, plan).Modem!;
            Assert.Equal((device, apn, number), (imported.Device, string.IsNullOrEmpty(apn) ? apn : imported.Apn, imported.Number));
            AssertRenderingAgainChangesNothing(profile, secrets, plan);
        }, iter: Iterations, threads: 1);
        AssertEnoughAccepted(accepted);
    }

    [Fact]
    public void Any_extra_option_line_is_refused_or_adds_exactly_its_own_options_and_renders_stably()
    {
        var optionish = Gen.Select(
            Gen.OneOfConst("asyncmap", "lock", "noipdefault", "mtu", "pty", "connect", "plugin", "ms-dns", "unit", "debug",
                "novj", "name", "file", "eth1", "/dev/ttyS1", "115200", "10.0.0.1:10.0.0.2", "\"\"", "''", "nic-eth9", "noauth",
                "defaultroute", "nodefaultroute", "require-mppe-128", "ipparam", "mru", "rp_pppoe_service"),
            Gen.OneOfConst("", " 0", " 1400", " \"a b\"", " 'x", " # comment", " lock", " 8.8.8.8", "\t\\\"q\\\"", " a\\\nb"),
            (a, b) => a + b);
        var lines = Field(optionish).List[0, 4];
        var kinds = Gen.OneOfConst(ProfileKind.Pptp, ProfileKind.Pppoe, ProfileKind.Modem, ProfileKind.Custom);
        var accepted = 0;
        Gen.Select(kinds, lines).Sample((kind, extra) =>
        {
            var profile = Shaped(kind);
            profile.ExtraOptions = extra;
            var errors = ProfileValidator.Validate(profile);
            if (errors.Count > 0)
            {
                AssertRefusedFor(errors, "extra");
                return;
            }
            Interlocked.Increment(ref accepted);
            var plan = Renderer.Plan(profile, null, _ => null);
            var withoutExtras = Shaped(kind);
            withoutExtras.ExtraOptions = [];
            var baseline = PppdReference.Options(Renderer.Plan(withoutExtras, null, _ => null).Files[0].NewText);
            var wanted = extra.SelectMany(ReferenceExtraOptions).ToList();
            var rendered = PppdReference.Options(plan.Files[0].NewText);
            Assert.Equal(baseline, rendered.Take(baseline.Count));
            // Extra options of one name stay in their order (for pppd the last one wins); options of
            // different names may be grouped by name.
            Assert.Equal(wanted.OrderBy(o => o.Name, StringComparer.Ordinal), rendered.Skip(baseline.Count).OrderBy(o => o.Name, StringComparer.Ordinal));
            AssertRenderingAgainChangesNothing(profile, null, plan);
        }, iter: Iterations);
        AssertEnoughAccepted(accepted);
    }

    [Fact]
    public void Any_password_is_refused_or_is_the_secret_pppd_picks_for_the_profile()
    {
        var passwords = Field(Gen.OneOf(Of("abcXYZ0123456789!%&*+-./:=?@[]^_{}~ ", 1, 40),
            Gen.Select(Gen.OneOfConst("@/", "@", "*", "-", "--", "\"", "#"), Of("abc/etc", 0, 12), (a, b) => a + b)));
        var users = Field(Of("abcXYZ0123456789.-_@\\", 1, 20));
        var accepted = 0;
        Gen.Select(users, passwords).Sample((user, password) =>
        {
            var profile = Shaped(ProfileKind.Pptp);
            profile.Ppp.User = user;
            var secrets = new ProfileSecrets { Password = password };
            var errors = ProfileValidator.Validate(profile, secrets);
            if (errors.Count > 0)
            {
                AssertRefusedFor(errors, "user", "password");
                return;
            }
            Interlocked.Increment(ref accepted);
            var plan = Renderer.Plan(profile, secrets, _ => null);
            Assert.Equal(user, PppdReference.Options(plan.Files[0].NewText).Last(o => o.Name == "name").Argument);
            foreach (var file in plan.Files.Where(f => f.Role == FileRole.Secrets))
            {
                var secret = PppdReference.Secret(file.NewText, user, profile.SecretsServer);
                Assert.NotNull(secret);
                Assert.False(secret!.IsFileReference, "pppd would read the secret from the file " + secret.Value);
                Assert.Equal(password, secret.Value);
                Assert.Equal("********", PppdReference.Secret(file.PreviewText, user, profile.SecretsServer)!.Value);
            }
        }, iter: Iterations);
        AssertEnoughAccepted(accepted);
    }

    [Fact]
    public void The_core_word_reader_and_the_reference_reader_agree_on_any_text()
    {
        var pieces = Gen.Frequency((6, Fragment), (2, Gen.OneOfConst("\\\n", "\\#", "#x\n", "\\x4", "\\101", "'a b'", "\"\"", "''", "\\")));
        var texts = Gen.Frequency((20, pieces.Array[0, 60].Select(string.Concat)), (1, pieces.Array[400, 1500].Select(string.Concat)));
        texts.Sample(text =>
        {
            var core = PppWordReader.ReadWords(text);
            var reference = PppdReference.Words(text);
            // A lone UTF-16 surrogate cannot be in a file: on disk it is U+FFFD, as the reference sees it.
            Assert.Equal(reference.Select(w => (w.Text, w.Newline)), core.Select(w => (AsOnDisk(w.Value), w.AfterNewline)));
        }, iter: Iterations);
    }

    [Fact]
    public void The_core_chat_reader_and_the_reference_reader_agree_on_any_script()
    {
        var pieces = Gen.Frequency((6, Fragment), (2, Gen.OneOfConst("ABORT ", "'' ", "OK ", "\\'", "\"a b\" ", "\n#c\n", "\t", "TIMEOUT 5\n")));
        var texts = Gen.Frequency((20, pieces.Array[0, 60].Select(string.Concat)), (1, pieces.Array[900, 1500].Select(string.Concat)));
        texts.Sample(text =>
        {
            var reference = PppdReference.ChatStrings(text);
            var core = ChatScript.Parse(text);
            if (reference is null)
            {
                Assert.Contains(core.Problems, p => p.Message.Contains("not closed", StringComparison.Ordinal) || p.Message.Contains("bytes long", StringComparison.Ordinal));
                return;
            }
            if (core.Problems.Any(p => p.Message.Contains("bytes long", StringComparison.Ordinal))) return; // chat splits such lines; flagged
            Assert.Equal(reference.Select(s => s.Value), core.Tokens.Select(t => AsOnDisk(t.Value)));
        }, iter: Iterations);
    }

    // ----- helpers -----

    /// <summary>What pppd reads from one extra line: as it stands, or followed by the rest of the
    /// file when that keeps an empty quoted word ending it.</summary>
    internal static List<(string Name, string? Argument)> ReferenceExtraOptions(string line)
    {
        var alone = PppdReference.Options(line);
        var followed = PppdReference.Options(line + "\n");
        return followed.Count > alone.Count ? followed : alone;
    }

    private static string AsOnDisk(string text) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));

    internal static Profile Pppoe(string? iface, string? service, string? ac)
    {
        var profile = KindRegistry.NewProfile("dsl", ProfileKind.Pppoe);
        profile.Ppp.User = "alice@isp";
        profile.Pppoe!.Interface = iface;
        profile.Pppoe!.ServiceName = service;
        profile.Pppoe!.AccessConcentrator = ac;
        return profile;
    }

    internal static Profile Modem(string? device, string? apn, string? number)
    {
        var profile = KindRegistry.NewProfile("lte", ProfileKind.Modem);
        profile.Modem!.Device = device;
        profile.Modem!.Apn = apn;
        profile.Modem!.Number = number;
        return profile;
    }

    /// <summary>A valid profile of each kind.</summary>
    internal static Profile Shaped(ProfileKind kind) => kind switch
    {
        _ when kind == ProfileKind.Pppoe => Pppoe("eth0", null, null),
        _ when kind == ProfileKind.Modem => Modem("/dev/ttyUSB2", "internet", "*99#"),
        _ when kind == ProfileKind.Pptp => WithServer(KindRegistry.NewProfile("office", ProfileKind.Pptp)),
        _ => KindRegistry.NewProfile("custom", ProfileKind.Custom),
    };

    private static Profile WithServer(Profile profile)
    {
        profile.Pptp!.Server = "192.0.2.1";
        profile.Ppp.User = "alice";
        return profile;
    }

    /// <summary>What pppd reads from the template profile's peers file, with each placeholder
    /// replaced by the value it stands for (null values leave no option behind).</summary>
    private static List<(string Name, string? Argument)> ExpectedOptions(Profile template, params (string Placeholder, string? Value)[] replacements) =>
        PppdReference.Options(Renderer.Plan(template, null, _ => null).Files[0].NewText)
            .Select(o => (Replace(o.Name, replacements)!, Replace(o.Argument, replacements)))
            .ToList();

    private static string? Replace(string? text, (string Placeholder, string? Value)[] replacements)
    {
        if (text is null) return null;
        foreach (var (placeholder, value) in replacements)
            if (value is not null) text = text.Replace(placeholder, value, StringComparison.Ordinal);
        return text;
    }

    internal static void AssertRefusedFor(IReadOnlyList<FieldError> errors, params string[] fields)
    {
        Assert.All(errors, e =>
        {
            Assert.Contains(e.Field, fields);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        });
    }

    private static void AssertEnoughAccepted(int accepted) =>
        Assert.True(accepted > Iterations / 10, $"only {accepted} of {Iterations} cases passed validation: the property barely reached the files");

    /// <summary>Rendering the same profile over the files the first rendering produced changes nothing.</summary>
    internal static void AssertRenderingAgainChangesNothing(Profile profile, ProfileSecrets? secrets, ChangePlan first)
    {
        var disk = first.Files.ToDictionary(f => f.FullPath, f => f.NewText);
        var second = Renderer.Plan(profile, secrets, path => disk.GetValueOrDefault(path));
        foreach (var file in second.Files)
            Assert.True(!file.Changes, $"rendering again changes {file.SystemPath}:\n{file.Diff()}");
    }

    private static readonly ThreadLocal<SandboxRoot> ThreadRoot = new(() => new SandboxRoot());

    /// <summary>Imports the peers file with the plan's other files on disk (the chat script, the routes script).</summary>
    internal static Profile ImportWithFiles(string name, ChangePlan plan)
    {
        var root = ThreadRoot.Value!;
        foreach (var file in plan.Files) root.Write(file.SystemPath, file.NewText);
        return new PeersImporter(root.Paths).Import(name).Profile;
    }
}
