using PppTui.Core.Doctor;

namespace PppTui.Core.Tests.Doctor;

/// <summary>Each conflicting-option rule on real option files, read the way pppd reads them.</summary>
public class OptionRuleTests
{
    private static IReadOnlyList<EffectiveOption> Options(string globalOptions, string peers, string? include = null)
    {
        using var sandbox = new SandboxRoot();
        sandbox.Write("/etc/ppp/options", globalOptions);
        sandbox.Write("/etc/ppp/peers/vpn", peers);
        if (include is not null) sandbox.Write("/etc/ppp/options.pptp", include);
        return EffectiveOptions.For(sandbox.Paths, "vpn");
    }

    private static readonly DnsState Resolved = new(DnsManager.SystemdResolved, ["127.0.0.53"], [], "../run/systemd/resolve/stub-resolv.conf");

    /// <summary>Option files as pppd reads them, and what the auth or MPPE rule must say of them.</summary>
    public sealed record RuleCase(string Rule, string GlobalOptions, string Peers, CheckStatus Status)
    {
        public string? Include { get; init; }
        public string[] DetailHas { get; init; } = [];
        public string? Evidence { get; init; }
        public string? FixHas { get; init; }
        public string? Fix { get; init; }
    }

    public static TheoryData<string, RuleCase> AuthAndMppeCases => new()
    {
        {
            "Auth in the global options without noauth fails with the file and line",
            new("auth", "lock\nauth\n", "name alice\n", CheckStatus.Fail)
            {
                DetailHas = ["/etc/ppp/options:2"], Evidence = "/etc/ppp/options:2", FixHas = "ppptui set vpn --noauth yes",
            }
        },
        {
            "Auth cancelled by a later noauth is ok",
            new("auth", "auth\n", "name alice\nnoauth\n", CheckStatus.Ok) { DetailHas = ["cancelled by 'noauth' at /etc/ppp/peers/vpn:2"] }
        },
        {
            "Noauth before auth does not cancel it",
            new("auth", "noauth\n", "auth\n", CheckStatus.Fail) { DetailHas = ["/etc/ppp/peers/vpn:1"] }
        },
        {
            "MPPE with both MS-CHAP versions refused fails",
            new("mppe-auth", "", "file /etc/ppp/options.pptp\nrequire-mppe-128\n", CheckStatus.Fail)
            {
                Include = "refuse-mschap\nrefuse-mschap-v2\n",
                DetailHas = ["'require-mppe-128' (/etc/ppp/peers/vpn:2)", "/etc/ppp/options.pptp:2", "MPPE required, but MS-CHAP[v2] auth not performed"],
                Fix = "Remove 'refuse-mschap-v2' from /etc/ppp/options.pptp:2 (keep refusing pap, chap and eap).",
            }
        },
        {
            "MPPE with only MS-CHAPv2 refused warns",
            new("mppe-auth", "", "require-mppe\nrefuse-mschap-v2\n", CheckStatus.Warn) { DetailHas = ["only MS-CHAP v1"] }
        },
        {
            "MPPE not required is not judged",
            new("mppe-auth", "", "refuse-mschap-v2\nrefuse-mschap\n", CheckStatus.Skip)
        },
        {
            "MPPE turned off again by nomppe is not judged",
            new("mppe-auth", "", "require-mppe\nnomppe\nrefuse-mschap-v2\nrefuse-mschap\n", CheckStatus.Skip)
        },
    };

    [Theory]
    [MemberData(nameof(AuthAndMppeCases))]
    public void The_auth_and_mppe_rules_judge_the_options_pppd_ends_up_with(string sentence, RuleCase rule)
    {
        var options = Options(rule.GlobalOptions, rule.Peers, rule.Include);
        var check = rule.Rule == "auth" ? OptionRules.Auth("vpn", options) : OptionRules.MppeAuth("vpn", options);

        // The case's sentence stands in a failure next to the status.
        Assert.Equal((sentence, rule.Status), (sentence, check.Status));
        Assert.Equal("vpn", check.Profile);
        Assert.All(rule.DetailHas, part => Assert.Contains(part, check.Detail));
        if (rule.Evidence is not null) Assert.Equal(rule.Evidence, check.Evidence);
        if (rule.FixHas is not null) Assert.Contains(rule.FixHas, check.Fix);
        if (rule.Fix is not null) Assert.Equal(rule.Fix, check.Fix);
    }

    [Fact]
    public void The_field_reports_options_refuse_only_MS_CHAP_v1_and_pass()
    {
        using var sandbox = new SandboxRoot();
        sandbox.WriteFieldReportFiles();
        var options = EffectiveOptions.For(sandbox.Paths, "myvpn");
        Assert.Equal(CheckStatus.Ok, OptionRules.MppeAuth("myvpn", options).Status);
        Assert.Equal(CheckStatus.Ok, OptionRules.Auth("myvpn", options).Status);
    }

    [Fact]
    public void Defaultroute_while_another_default_route_exists_warns_with_the_route()
    {
        var check = OptionRules.DefaultRouteRule("vpn", Options("", "defaultroute\n"),
            DoctorService.ParseRoutes("""[{"dst":"default","gateway":"192.0.2.254","dev":"eth0","flags":[]}]"""));
        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("default via 192.0.2.254 dev eth0", check.Detail);
        Assert.Contains("--default-route replace", check.Fix);
        Assert.Contains("/etc/ppp/peers/vpn:1", check.Evidence);
    }

    [Fact]
    public void Defaultroute_with_no_other_default_route_or_only_a_ppp_one_is_ok()
    {
        var options = Options("", "defaultroute\n");
        Assert.Equal(CheckStatus.Ok, OptionRules.DefaultRouteRule("vpn", options, []).Status);
        Assert.Equal(CheckStatus.Ok, OptionRules.DefaultRouteRule("vpn", options, DoctorService.ParseRoutes("""[{"dst":"default","dev":"ppp0","flags":[]}]""")).Status);
    }

    [Fact]
    public void Replacedefaultroute_takes_over_and_is_ok()
    {
        var check = OptionRules.DefaultRouteRule("vpn", Options("", "defaultroute\nreplacedefaultroute\n"), [new DefaultRoute("192.0.2.254", "eth0")]);
        Assert.Equal(CheckStatus.Ok, check.Status);
    }

    [Fact]
    public void Defaultroute_cancelled_or_unreadable_routes_are_not_judged()
    {
        Assert.Equal(CheckStatus.Skip, OptionRules.DefaultRouteRule("vpn", Options("defaultroute\n", "nodefaultroute\n"), [new DefaultRoute("192.0.2.254", "eth0")]).Status);
        var unread = OptionRules.DefaultRouteRule("vpn", Options("", "defaultroute\n"), null, "ip: not found");
        Assert.Equal(CheckStatus.Skip, unread.Status);
        Assert.Contains("ip: not found", unread.Detail);
    }

    [Fact]
    public void Usepeerdns_under_systemd_resolved_without_a_hook_warns_with_resolvectl()
    {
        var check = OptionRules.PeerDns("vpn", Options("", "usepeerdns\n"), Resolved);
        Assert.Equal(CheckStatus.Warn, check.Status);
        Assert.Contains("systemd-resolved", check.Detail);
        Assert.Contains("resolvectl dns \"$PPP_IFACE\" $DNS1 $DNS2", check.Fix);
    }

    [Fact]
    public void Usepeerdns_under_resolvconf_without_its_hook_warns_and_with_it_is_ok()
    {
        var options = Options("", "usepeerdns\n");
        var missing = OptionRules.PeerDns("vpn", options, new DnsState(DnsManager.Resolvconf, [], [], "/run/resolvconf/resolv.conf"));
        Assert.Equal(CheckStatus.Warn, missing.Status);
        Assert.Contains("000resolvconf", missing.Detail);
        var hooked = OptionRules.PeerDns("vpn", options, new DnsState(DnsManager.Resolvconf, [], [], null, "/etc/ppp/ip-up.d/000resolvconf"));
        Assert.Equal(CheckStatus.Ok, hooked.Status);
    }

    [Fact]
    public void Usepeerdns_with_a_resolvectl_hook_under_resolved_is_ok()
    {
        using var sandbox = new SandboxRoot();
        sandbox.Write("/etc/resolv.conf", "nameserver 127.0.0.53\n");
        sandbox.Write("/etc/ppp/ip-up.d/50-link-dns", "#!/bin/sh\nresolvectl dns \"$PPP_IFACE\" $DNS1 $DNS2\n");
        var dns = DnsState.Read(sandbox.Paths);
        Assert.Equal("/etc/ppp/ip-up.d/50-link-dns", dns.PeerDnsHook);
        Assert.Equal(CheckStatus.Ok, OptionRules.PeerDns("vpn", Options("", "usepeerdns\n"), dns).Status);
    }

    [Fact]
    public void No_usepeerdns_is_not_judged() =>
        Assert.Equal(CheckStatus.Skip, OptionRules.PeerDns("vpn", Options("", "noauth\n"), Resolved).Status);

    [Fact]
    public async Task The_doctor_runs_every_rule_for_a_profile_and_reads_routes_through_the_runner()
    {
        using var box = new DoctorBox().Healthy().SeedProfile();
        box.Sandbox.Write("/etc/ppp/options", "auth\n" + SeedFiles.Options.Replace("noauth\n", ""));
        box.Sandbox.Write("/etc/ppp/options.pptp", SeedFiles.OptionsPptp);
        box.Runner.On("ip", ["-j", "route", "show", "default"], 0, """[{"dst":"default","gateway":"192.0.2.254","dev":"eth0","flags":[]}]""");

        var report = await box.Run("myvpn");

        // The seed's peers file says noauth after /etc/ppp/options' auth: cancelled.
        Assert.Equal(CheckStatus.Ok, report.Find("options.auth", "myvpn")!.Status);
        Assert.Equal(CheckStatus.Ok, report.Find("options.mppe-auth", "myvpn")!.Status);
        Assert.Equal(CheckStatus.Warn, report.Find("options.defaultroute", "myvpn")!.Status);
        Assert.Equal(CheckStatus.Ok, report.Find("options.usepeerdns", "myvpn")!.Status);
        Assert.Equal(CheckStatus.Ok, report.Find("profile.secret", "myvpn")!.Status);
        Assert.Contains("ip -j route show default", box.Runner.CommandLines);
    }

    [Fact]
    public async Task A_profile_without_a_password_record_fails_with_the_command_that_sets_one()
    {
        using var box = new DoctorBox().Healthy().SeedProfile();
        box.Sandbox.Write("/etc/ppp/chap-secrets", "bob * other *\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var check = (await box.Run("myvpn")).Find("profile.secret")!;

        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("user alice and server myvpn", check.Detail);
        Assert.Contains("ppptui set myvpn --password-stdin", check.Fix);
    }

    [Fact]
    public async Task A_profile_whose_files_were_never_written_fails_with_apply_as_the_fix()
    {
        using var box = new DoctorBox().Healthy().SeedProfile();
        File.Delete(box.Sandbox.PathOf("/etc/ppp/peers/myvpn"));

        var report = await box.Run("myvpn");

        var peers = report.Find("profile.peers", "myvpn")!;
        Assert.Equal(CheckStatus.Fail, peers.Status);
        Assert.Equal("Write it with 'ppptui apply myvpn'.", peers.Fix);
        Assert.Null(report.Find("options.auth", "myvpn"));
    }

    [Fact]
    public async Task An_unknown_profile_name_is_not_found()
    {
        using var box = new DoctorBox().Healthy();
        await Assert.ThrowsAsync<ProfileNotFoundException>(() => box.Run("nosuch"));
    }

    [Fact]
    public async Task A_peers_file_not_imported_yet_is_checked_too()
    {
        using var box = new DoctorBox().Healthy();
        box.Sandbox.Write("/etc/ppp/peers/legacy", "auth\nrequire-mppe\nrefuse-mschap\nrefuse-mschap-v2\n");

        var report = await box.Run("legacy");

        Assert.Equal(CheckStatus.Fail, report.Find("options.auth", "legacy")!.Status);
        Assert.Equal(CheckStatus.Fail, report.Find("options.mppe-auth", "legacy")!.Status);
    }
}
