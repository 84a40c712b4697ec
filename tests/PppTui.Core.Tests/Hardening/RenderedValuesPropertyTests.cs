namespace PppTui.Core.Tests.Hardening;

/// <summary>
/// Any value typed into a profile either is refused with the field named, or comes back from
/// pppd's word reader exactly as typed, with no extra option. Run with PPPTUI_LONG_TESTS=1 for
/// ten times the cases.
/// </summary>
public class RenderedValuesPropertyTests
{
    private static readonly long Iterations = Environment.GetEnvironmentVariable("PPPTUI_LONG_TESTS") == "1" ? 100_000 : 10_000;

    // Hostile characters for pppd's reader and for shells, mixed with ordinary text and Unicode.
    private static readonly Gen<string> HostileText = Gen.OneOf(
        Gen.String[Gen.Char["\"'\\#\n\r\t \0$`;|&()<>{}*?!~aZ9-_.:/中文щ\u00a0\u2028"], 0, 30],
        Gen.String,
        Gen.String[Gen.Char["ab\\"], 0, 1100]);

    private static readonly SandboxRoot Root = new();
    private static readonly ProfileRenderer Renderer = new(Root.Paths);

    [Fact]
    public void Any_user_remote_name_and_password_round_trip_through_the_peers_and_secrets_files_or_are_refused()
    {
        var baseline = Render("alice", "office", "pw");
        Gen.Select(HostileText, HostileText, HostileText).Sample((user, remote, password) =>
        {
            var profile = Pptp(user, remote);
            var secrets = new ProfileSecrets { Password = password };
            var errors = ProfileValidator.Validate(profile, secrets);
            if (errors.Count > 0)
            {
                Assert.All(errors, e => Assert.Contains(e.Field, new[] { "user", "remotename", "password", "linkname" }));
                return;
            }
            var plan = TryPlan(profile, secrets, out var refusal);
            if (plan is null)
            {
                // A value the word reader cannot carry is refused with the reason, never half-written.
                Assert.False(string.IsNullOrWhiteSpace(refusal));
                return;
            }
            var peers = OptionFile.Parse(plan.Files[0].NewText);
            Assert.Equal(user, peers.GetArgument("name"));
            Assert.Equal(remote, peers.GetArgument("remotename"));
            Assert.Equal(baseline.Entries.Select(e => e.Name), peers.Entries.Select(e => e.Name));
            // The record goes by the names as pppd keeps them (cut to 255 bytes).
            var record = SecretsFile.Parse(plan.Files.Single(f => f.SystemPath == "/etc/ppp/chap-secrets").NewText).Find(profile.SecretsClient!, profile.SecretsServer);
            Assert.NotNull(record);
            Assert.Equal(password, record!.Secret);
        }, iter: Iterations);
    }

    [Fact]
    public void Any_pptp_server_is_either_refused_or_a_plain_host_that_no_shell_can_split()
    {
        Gen.OneOf(HostileText, Gen.String[Gen.Char["abc019.-:"], 1, 20]).Sample(server =>
        {
            var profile = Pptp("alice", "office");
            profile.Pptp!.Server = server;
            var errors = ProfileValidator.Validate(profile);
            if (errors.Count > 0)
            {
                Assert.Contains(errors, e => e.Field == "server");
                return;
            }
            Assert.Matches("^[A-Za-z0-9.:-]+$", server);
            var pty = OptionFile.Parse(Renderer.Plan(profile).Files[0].NewText).GetArgument("pty");
            Assert.Equal($"pptp {server} --nolaunchpppd", pty);
        }, iter: Iterations);
    }

    private static OptionFile Render(string user, string remote, string password) =>
        OptionFile.Parse(Renderer.Plan(Pptp(user, remote), new ProfileSecrets { Password = password }).Files[0].NewText);

    private static Profile Pptp(string user, string remote)
    {
        var profile = KindRegistry.NewProfile("office", ProfileKind.Pptp);
        profile.Pptp!.Server = "192.0.2.1";
        profile.Ppp.User = user;
        profile.Ppp.RemoteName = remote;
        return profile;
    }

    private static Core.Apply.ChangePlan? TryPlan(Profile profile, ProfileSecrets secrets, out string? refusal)
    {
        try
        {
            refusal = null;
            return Renderer.Plan(profile, secrets, _ => null);
        }
        catch (ArgumentException ex)
        {
            refusal = ex.Message;
            return null;
        }
    }
}
