using System.Globalization;
using static PppTui.Core.Tests.Hardening.FieldRenderingPropertyTests;
using static PppTui.Core.Tests.Hardening.HostileGen;

namespace PppTui.Core.Tests.Hardening;

/// <summary>
/// Whole profiles: whatever the validator lets through renders without an exception, reads back
/// the same from TOML and from the peers file, and renders the same again; routes and the
/// ipparam tag come back from the routes script, and /bin/sh runs that script as meant whatever
/// the tag holds.
/// </summary>
public class ProfileRoundTripPropertyTests(ITestOutputHelper output)
{
    private static readonly Gen<string> Ipv4Route = Gen.Select(Gen.Int[0, 255].Array[4, 4], Gen.Int[0, 32],
        (octets, prefix) => $"{string.Join('.', octets)}/{prefix}");

    private static readonly Gen<string> Ipv6Route = Gen.Select(Gen.Int[0, 0xffff].Array[1, 3], Gen.Int[0, 128],
        (groups, prefix) => $"{string.Join(':', groups.Select(g => g.ToString("x", CultureInfo.InvariantCulture)))}::/{prefix}");

    private static readonly Gen<string> Routes = Field(Gen.OneOf(Ipv4Route, Ipv4Route.Select(r => r.Split('/')[0] + "/24"),
        Gen.OneOfConst("10.0.0.0/8", "192.168.0.0/16", "0.0.0.0/0", "10.1.2.3/8", "10.0.0.0", "::/0", "fe80::/10", "10.0.0.0/33",
            "10.0.0.0/8; reboot", "$(reboot)/8"), Ipv6Route), 6);

    private static readonly Gen<string> Tags = Field(Of("abcXYZ0123456789._-", 1, 20), 2);

    [Fact]
    public void Any_route_and_ipparam_is_refused_or_comes_back_from_the_routes_script_and_peers_file()
    {
        var accepted = 0;
        Gen.Select(Routes.List[0, 4], Gen.Null(Tags, 0.2)).Sample((routes, ipparam) =>
        {
            var profile = Shaped(ProfileKind.Pptp);
            profile.Ppp.Routes = routes;
            profile.Ppp.IpParam = ipparam;
            var errors = ProfileValidator.Validate(profile);
            if (errors.Count > 0)
            {
                AssertRefusedFor(errors, "routes", "ipparam");
                return;
            }
            Interlocked.Increment(ref accepted);
            var plan = Renderer.Plan(profile, null, _ => null);
            Assert.Equal(ipparam, PppdReference.Options(plan.Files[0].NewText).LastOrDefault(o => o.Name == "ipparam").Argument);
            var script = plan.Files.SingleOrDefault(f => f.Role == FileRole.RoutesScript);
            if (routes.Count == 0)
            {
                Assert.Null(script);
                return;
            }
            Assert.NotNull(script);
            var routeLines = script!.NewText.Split('\n').Where(l => l.StartsWith("ip ", StringComparison.Ordinal)).ToList();
            Assert.Equal(routes.Select(r => $"ip route replace {r} dev \"${{PPP_IFACE:-$1}}\""), routeLines);
            Assert.All(routes, r => Assert.Matches("^[0-9a-f.:]+/[0-9]+$", r));
            Assert.Equal(routes, ImportWithFiles(profile.Name, plan).Ppp.Routes);
            AssertRenderingAgainChangesNothing(profile, null, plan);
        }, iter: Iterations, threads: 1);
        output.WriteLine($"{Iterations} cases, {accepted} passed validation and were rendered");
        Assert.True(accepted > Iterations / 10);
    }

    [Fact]
    public void The_shell_runs_the_routes_script_only_for_its_own_link_whatever_the_tag_holds()
    {
        if (!File.Exists("/bin/sh")) throw new InvalidOperationException("this test needs /bin/sh");
        var cases = Long ? 5000 : 400;
        var tags = Gen.OneOf(Text, Gen.OneOfConst("x' ] ; touch PWNED ; [ 'x", "x\" ] ; touch PWNED ; [ \"x", "$(touch PWNED)", "`touch PWNED`",
            "a'b", "'", "\"", "\\", "${PPP_IFACE}", "*", "-n", "!", "=", "x ] || touch PWNED ; [ x"));
        var samples = new List<string>();
        tags.Sample(tag => { lock (samples) samples.Add(tag); }, iter: cases, threads: 1);

        using var dir = new SandboxRoot();
        var work = Path.Join(dir.Root, "sh");
        Directory.CreateDirectory(Path.Join(work, "bin"));
        File.WriteAllText(Path.Join(work, "bin", "ip"), "#!/bin/sh\necho \"ip $*\" >> \"$IP_LOG\"\n");
        File.SetUnixFileMode(Path.Join(work, "bin", "ip"), (UnixFileMode)0b111_101_101);
        var driver = new StringBuilder("#!/bin/sh\ncd \"$(dirname \"$0\")\"\n");
        var expected = new List<(int Case, string Tag)>();
        for (var i = 0; i < samples.Count; i++)
        {
            var profile = Shaped(ProfileKind.Pptp);
            profile.Ppp.IpParam = samples[i];
            profile.Ppp.Routes = ["10.9.0.0/16"];
            if (ProfileValidator.Validate(profile).Count > 0) continue;
            var script = Renderer.Plan(profile, null, _ => null).Files.Single(f => f.Role == FileRole.RoutesScript).NewText;
            File.WriteAllText(Path.Join(work, $"case{i}"), script);
            File.WriteAllText(Path.Join(work, $"case{i}.tag"), samples[i] + "x");
            // Once with the link's own ipparam (routes expected), once with another link's (none).
            driver.Append(CultureInfo.InvariantCulture, $"t=$(cat case{i}.tag); t=${{t%x}}; IP_LOG=case{i}.own PPP_IFACE=ppp7 PPP_IPPARAM=\"$t\" sh case{i}\n");
            driver.Append(CultureInfo.InvariantCulture, $"IP_LOG=case{i}.other PPP_IFACE=ppp7 PPP_IPPARAM=someone-else sh case{i}\n");
            expected.Add((i, samples[i]));
        }
        File.WriteAllText(Path.Join(work, "driver"), driver.ToString());
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Join(work, "driver"));
        info.Environment["PATH"] = Path.Join(work, "bin") + ":/usr/bin:/bin";
        using (var sh = Process.Start(info)!)
        {
            sh.StandardOutput.ReadToEnd();
            sh.StandardError.ReadToEnd();
            Assert.True(sh.WaitForExit(120_000), "the shell did not finish");
        }

        Assert.True(expected.Count > cases / 10, $"only {expected.Count} tags passed validation");
        foreach (var (i, tag) in expected)
        {
            var own = Path.Join(work, $"case{i}.own");
            Assert.True(File.Exists(own), $"the routes script ignored its own link for ipparam [{tag}]");
            Assert.Equal("ip route replace 10.9.0.0/16 dev ppp7\n", File.ReadAllText(own));
            Assert.False(File.Exists(Path.Join(work, $"case{i}.other")), $"the routes script ran for another link with ipparam [{tag}]");
        }
        Assert.False(File.Exists(Path.Join(work, "PWNED")), "a tag ran a command of its own");
        output.WriteLine($"{samples.Count} tags, {expected.Count} valid ones run through /bin/sh twice each");
    }

    // ----- whole profiles -----

    private static readonly Gen<string> Word = Gen.Select(Of("abcXYZ0123456789_", 1, 1), Of("abcXYZ0123456789._-", 0, 11), (a, b) => a + b);

    private static Gen<string?> Optional(Gen<string> plausible, int weight = 30) => Gen.Null(Field(plausible, weight), 0.1);

    private static readonly Gen<string?[]> StringFields = Gen.Select(
        Gen.Select(Optional(Of("abc XYZ-_.,:", 0, 30)), Optional(Of("abc@.\\-_019", 1, 12)), Optional(Of("abc@.\\-_019", 1, 12)),
            Optional(Word), Optional(Word), Gen.Frequency((12, Gen.OneOfConst("192.0.2.1", "vpn.example.com", "2001:db8::1")), (1, Gen.OneOfConst("bad host!", ""))).Select(s => (string?)s),
            (a, b, c, d, e, f) => new[] { a, b, c, d, e, f }),
        Gen.Select(Optional(Gen.OneOfConst("eth0", "nic-eth1", "enp3s0.7")), Optional(Word), Optional(Word),
            Optional(Gen.OneOfConst("/dev/ttyUSB0", "/dev/serial/by-id/usb-x")), Optional(Of("abc0123.-", 1, 20)), Optional(Of("0123456789*#", 1, 12)),
            (a, b, c, d, e, f) => new[] { a, b, c, d, e, f }),
        Gen.Select(Gen.Frequency((16, Gen.Const((string?)null)), (4, Gen.OneOfConst("/etc/chatscripts/x", "/etc/ppp/chat-x")!), (1, Text!)),
            Gen.Frequency((16, Gen.Const((string?)null)), (4, Gen.Const("/etc/ppp/dial.sh")!), (1, Text!)),
            Gen.Frequency((30, Gen.OneOfConst("name", "user")), (1, Text)),
            Gen.Frequency((30, Gen.OneOfConst("rp-pppoe.so", "pppoe.so")), (1, Text)),
            (a, b, c, d) => new[] { a, b, c, d }),
        (a, b, c) => a.Concat(b).Concat(c).ToArray());

    private static Gen<int?> Number(int min, int max) => Gen.Frequency(
        (12, Gen.Int[min, max].Select(n => (int?)n)), (3, Gen.Const((int?)null)), (1, Gen.Int.Select(n => (int?)n)));

    private static readonly Gen<int?[]> NumberFields = Gen.Select(Number(128, 16384), Number(128, 16384), Number(0, 3600),
        Number(0, 1000), Number(0, 86400), Number(0, 100000),
        Gen.Frequency((12, Gen.OneOfConst<int?>(null, 9600, 115200, 460800)), (1, Gen.Int.Select(n => (int?)n))),
        (a, b, c, d, e, f, g) => new[] { a, b, c, d, e, f, g });

    private static readonly Gen<Profile> Profiles = Gen.Select(
        Gen.OneOfConst(ProfileKind.Pptp, ProfileKind.Pppoe, ProfileKind.Modem, ProfileKind.Custom),
        Gen.Frequency((20, Word), (1, Text)),
        StringFields, NumberFields, Gen.Bool.Array[9, 9],
        Gen.Select(Gen.Enum<MppeMode>(), Gen.Enum<DefaultRouteMode>(), (m, r) => (m, r)),
        Gen.Select(Routes.List[0, 3], Field(Gen.OneOfConst("asyncmap 0", "novj", "lcp-max-configure 20", "ms-dns 192.0.2.53", "noipv6 # v4 only"), 12).List[0, 3],
            Field(Gen.OneOfConst("--loglevel", "0", "--timeout", "5"), 12).List[0, 2], (a, b, c) => (a, b, c)),
        (kind, name, s, n, b, enums, lists) => Build(kind, name, s, n, b, enums, lists));

    private static Profile Build(ProfileKind kind, string name, string?[] s, int?[] n, bool[] b, (MppeMode Mppe, DefaultRouteMode Route) enums,
        (List<string> Routes, List<string> Extra, List<string> PptpArgs) lists)
    {
        var profile = new Profile(name, kind) { Description = s[0], ExtraOptions = lists.Extra };
        var ppp = profile.Ppp;
        (ppp.User, ppp.RemoteName, ppp.LinkName, ppp.IpParam) = (s[1], s[2], s[3], s[4]);
        ppp.UserKeyword = s[14]!;
        (ppp.Mtu, ppp.Mru, ppp.LcpEchoInterval, ppp.LcpEchoFailure, ppp.Holdoff, ppp.MaxFail) = (n[0], n[1], n[2], n[3], n[4], n[5]);
        (ppp.NoAuth, ppp.RefusePap, ppp.RefuseChap, ppp.RefuseMsChap, ppp.RefuseMsChapV2) = (b[0], b[1], b[2], b[3], b[4]);
        (ppp.RefuseEap, ppp.MppeStateful, ppp.Persist, ppp.UsePeerDns) = (b[5], b[6], b[7], b[8]);
        (ppp.Mppe, ppp.DefaultRoute, ppp.Routes) = (enums.Mppe, enums.Route, lists.Routes);
        if (profile.Pptp is { } pptp) (pptp.Server, pptp.PptpArguments) = (s[5], lists.PptpArgs);
        if (profile.Pppoe is { } pppoe) (pppoe.Interface, pppoe.ServiceName, pppoe.AccessConcentrator, pppoe.Plugin) = (s[6], s[7], s[8], s[15]!);
        if (profile.Modem is { } modem)
        {
            (modem.Device, modem.Apn, modem.Number, modem.ChatScript, modem.ConnectCommand) = (s[9], s[10], s[11], s[12], s[13]);
            modem.Speed = n[6];
        }
        return profile;
    }

    /// <summary>Every value of a profile, for exact comparison.</summary>
    private static List<string> Describe(Profile p)
    {
        var ppp = p.Ppp;
        var values = new List<object?>
        {
            p.Name, p.Kind, p.Description, ppp.User, ppp.UserKeyword, ppp.RemoteName, ppp.LinkName, ppp.IpParam, ppp.NoAuth,
            ppp.RefusePap, ppp.RefuseChap, ppp.RefuseMsChap, ppp.RefuseMsChapV2, ppp.RefuseEap, ppp.Mppe, ppp.MppeStateful,
            ppp.Mtu, ppp.Mru, ppp.LcpEchoInterval, ppp.LcpEchoFailure, ppp.Persist, ppp.Holdoff, ppp.MaxFail, ppp.DefaultRoute,
            ppp.UsePeerDns, string.Join("\u0001", ppp.Routes), string.Join("\u0001", p.ExtraOptions),
            p.Pptp?.Server, p.Pptp is null ? null : string.Join("\u0001", p.Pptp!.PptpArguments),
            p.Pppoe?.Interface, p.Pppoe?.Plugin, p.Pppoe?.ServiceName, p.Pppoe?.AccessConcentrator,
            p.Modem?.Device, p.Modem?.Speed, p.Modem?.Apn, p.Modem?.Number, p.Modem?.ChatScript, p.Modem?.ConnectCommand,
        };
        return values.Select(v => v is null ? "<null>" : "[" + Convert.ToString(v, CultureInfo.InvariantCulture) + "]").ToList();
    }

    /// <summary>A failing sample as a reader can retype it: control and invisible characters as \uXXXX.</summary>
    private static string Escaped(string text) => string.Concat(text.Select(c =>
        char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator && c != ' '
            ? $"\\u{(int)c:x4}" : c.ToString()));

    [Fact]
    public void Any_profile_of_valid_unicode_round_trips_through_toml_even_without_validation()
    {
        // Imports save hand-written values unvalidated, so the TOML must carry anything a file can hold.
        Profiles.Sample(profile =>
        {
            var strings = Describe(profile);
            if (strings.Any(HasLoneSurrogate)) return;
            var text = ProfileToml.Write(profile);
            var parsed = ProfileToml.Parse(text, profile.Name + ".toml", out var problems);
            Assert.True(parsed is not null, string.Join("\n", problems) + "\n" + text);
            Assert.Equal(strings, Describe(parsed!));
            Assert.DoesNotContain("password", text.Replace("# ppptui profile. Passwords are not kept here", ""), StringComparison.OrdinalIgnoreCase);
        }, iter: Iterations, print: p => Escaped(string.Join(" ", Describe(p))));
    }

    [Fact]
    public void A_profile_the_validator_accepts_renders_reads_back_and_renders_again_unchanged()
    {
        var accepted = 0;
        Profiles.Sample(profile =>
        {
            var errors = ProfileValidator.Validate(profile);
            if (errors.Count > 0)
            {
                Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                return;
            }
            Interlocked.Increment(ref accepted);
            var parsed = ProfileToml.Parse(ProfileToml.Write(profile), profile.Name + ".toml", out var problems);
            Assert.True(parsed is not null, string.Join("\n", problems));
            Assert.Equal(Describe(profile), Describe(parsed!));

            var plan = Renderer.Plan(profile, null, _ => null);
            var peers = plan.Files[0].NewText;
            // The core reader and the reference reader see the same options in what was written.
            Assert.Equal(PppdReference.Options(peers), OptionFile.Parse(peers).Entries.Select(e => (e.Name, e.Argument)));
            AssertRenderingAgainChangesNothing(profile, null, plan);

            var imported = new PeersImporter(Root.Paths).FromText(profile.Name, peers).Profile;
            if (imported.Kind != profile.Kind) return; // extra options made it look like another kind
            var ppp = profile.Ppp;
            var back = imported.Ppp;
            Assert.Equal((ppp.User, ppp.RemoteName, ppp.LinkName, ppp.IpParam, ppp.Mtu, ppp.Mru, ppp.Holdoff, ppp.MaxFail),
                (back.User, back.RemoteName, back.LinkName, back.IpParam, back.Mtu, back.Mru, back.Holdoff, back.MaxFail));
            Assert.Equal((ppp.Mppe, ppp.DefaultRoute, ppp.Persist, ppp.NoAuth, ppp.UsePeerDns, ppp.RefuseMsChapV2),
                (back.Mppe, back.DefaultRoute, back.Persist, back.NoAuth, back.UsePeerDns, back.RefuseMsChapV2));
            Assert.Equal(profile.ExtraOptions.SelectMany(ReferenceExtraOptions).OrderBy(o => o.Name, StringComparer.Ordinal),
                imported.ExtraOptions.SelectMany(ReferenceExtraOptions).OrderBy(o => o.Name, StringComparer.Ordinal));
        }, iter: Iterations, print: p => Escaped(string.Join(" ", Describe(p))));
        output.WriteLine($"{Iterations} profiles, {accepted} passed validation and were rendered, read back and rendered again");
        Assert.True(accepted > Iterations / 20, $"only {accepted} profiles passed validation");
    }
}
