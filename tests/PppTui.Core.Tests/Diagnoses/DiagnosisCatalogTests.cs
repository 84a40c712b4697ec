namespace PppTui.Core.Tests.Diagnoses;

public class DiagnosisCatalogTests
{
    private static readonly DiagnosisContext Alice = new(ProfileName: "myvpn", User: "alice", RemoteName: "myvpn",
        SecretsPath: "/etc/ppp/chap-secrets", Server: "vpn.example.net");

    [Theory]
    // Exact message texts from pppd 2.4.9, pptp 1.10 and chat, as they reach syslog (without the prefix).
    [InlineData("Couldn't open the /dev/ppp device: No such device or address", "no-kernel-ppp", 4)]
    [InlineData("Please load the ppp_generic kernel module.", "no-kernel-ppp", 4)]
    [InlineData("Sorry - this system lacks PPP kernel support", "no-kernel-ppp", 4)]
    [InlineData("Couldn't set tty to PPP discipline: Invalid argument", "no-ppp-async", 1)]
    [InlineData("In file /etc/ppp/peers/myvpn: unrecognized option 'requir-mppe'", "unrecognized-option", 2)]
    [InlineData("unrecognized option 'eth9'", "unrecognized-option", 2)]
    [InlineData("using the defaultroute-metric option requires root privilege", "option-needs-root", 2)]
    [InlineData("The remote system is required to authenticate itself", "peer-auth-required", 1)]
    [InlineData("By default the remote system is required to authenticate itself", "peer-auth-required", 1)]
    [InlineData("Device ttyUSB0 is locked by pid 812", "device-locked", 6)]
    [InlineData("Can't create lock file /var/lock/LCK..ttyS0", "device-locked", 6)]
    [InlineData("Failed to open /dev/ttyUSB2: Device or resource busy", "port-open-failed", 7)]
    [InlineData("Connect script failed", "connect-script-failed", 8)]
    [InlineData("Serial line is looped back.", "looped-back", 17)]
    [InlineData("LCP: timeout sending Config-Requests", "lcp-timeout", 10)]
    [InlineData("IPCP: timeout sending Config-Requests", "lcp-timeout", 10)]
    [InlineData("Modem hangup", "modem-hangup", 16)]
    [InlineData("No response to 4 echo-requests", "peer-dead", 15)]
    [InlineData("Serial link appears to be disconnected.", "peer-dead", 15)]
    [InlineData("peer refused to authenticate: terminating link", "peer-refused-auth", 11)]
    [InlineData("No CHAP secret found for authenticating us to myvpn", "no-chap-secret", 19)]
    [InlineData("MS-CHAP authentication failed: E=691 Authentication failure", "auth-rejected", 19)]
    [InlineData("MS-CHAP authentication failed: Access denied", "auth-rejected", 19)]
    [InlineData("MS-CHAPv2 mutual authentication failed.", "auth-failed", 19)]
    [InlineData("CHAP authentication timed out", "auth-timeout", 19)]
    [InlineData("CHAP authentication failed", "auth-failed", 19)]
    [InlineData("PAP authentication failed", "auth-rejected", 19)]
    [InlineData("No response to PAP authenticate-requests", "auth-timeout", 19)]
    [InlineData("MPPE required but peer refused", "mppe-refused", 10)]
    [InlineData("MPPE required but peer negotiation failed", "mppe-refused", 10)]
    [InlineData("Refusing MPPE stateful mode offered by peer", "mppe-refused", 10)]
    [InlineData("MPPE required, but MS-CHAP[v2] auth not performed.", "mppe-no-mschap", 10)]
    [InlineData("MPPE required, but MS-CHAP[v2] nor EAP-TLS auth are performed.", "mppe-no-mschap", 10)]
    [InlineData("MPPE required, but kernel has no support.", "mppe-no-kernel", 10)]
    [InlineData("Peer refused to agree to our IP address", "ip-address-conflict", 10)]
    [InlineData("Could not determine local IP address", "ip-address-conflict", 10)]
    [InlineData("Peer is not authorized to use remote address 10.0.0.1", "ip-address-conflict", 10)]
    [InlineData("LCP terminated by peer (User request)", "terminated-by-peer", 16)]
    [InlineData("Timeout waiting for PADO packets", "pppoe-no-server", 10)]
    [InlineData("Unable to complete PPPoE Discovery", "pppoe-no-server", 10)]
    [InlineData("PADS: Service-Name-Error: internet", "pppoe-service-error", 10)]
    [InlineData("alarm", "chat-timeout", 8)]
    [InlineData("Failed (NO CARRIER)", "chat-abort", 8)]
    [InlineData("Failed", "chat-abort", 8)]
    [InlineData("Terminating on signal 15", "stopped-by-signal", 5)]
    [InlineData("Hangup (SIGHUP)", "stopped-by-signal", 5)]
    [InlineData("Connect time expired", "max-connect-time", 13)]
    [InlineData("Terminating connection due to lack of activity.", "idle-timeout", 12)]
    [InlineData("Couldn't load plugin rp-pppoe.so", "plugin-failed", 2)]
    [InlineData("Plugin pppoe.so is for pppd version 2.4.7, this is 2.4.9", "plugin-failed", 2)]
    [InlineData("anon warn[open_inetsock:pptp_callmgr.c:329]: connect: Connection refused", "pptp-connect-failed", 16)]
    [InlineData("anon fatal[main:pptp.c:348]: Could not open control connection to 203.0.113.7", "pptp-connect-failed", 16)]
    [InlineData("anon fatal[main:pptp.c:248]: getaddrinfo(): Name or service not known", "pptp-dns-failed", 16)]
    [InlineData("anon fatal[main:pptp.c:373]: Cannot bind GRE socket, aborting.", "pptp-gre-socket", 16)]
    [InlineData("anon warn[ctrlp_disp:pptp_ctrl.c:773]: Negative reply received to our Start Control Connection Request", "pptp-rejected", 16)]
    [InlineData("anon log[ctrlp_disp:pptp_ctrl.c:986]: Our outgoing call request [callid 6] has not been accepted.", "pptp-rejected", 16)]
    [InlineData("anon warn[ctrlp_read:pptp_ctrl.c:864]: read returned zero, peer has closed", "pptp-control-lost", 16)]
    [InlineData("anon warn[pptp_handle_timer:pptp_ctrl.c:1180]: closing control connection due to missing echo reply", "pptp-control-lost", 16)]
    public void A_failure_line_is_diagnosed_with_its_exit_status(string message, string code, int exit)
    {
        var diagnosis = DiagnosisCatalog.MatchLine(message, Alice);

        Assert.NotNull(diagnosis);
        Assert.Equal(code, diagnosis!.Code);
        Assert.Equal(exit, diagnosis.ExitStatus);
        Assert.Equal(message, diagnosis.Evidence);
        Assert.False(string.IsNullOrWhiteSpace(diagnosis.Cause));
        Assert.False(string.IsNullOrWhiteSpace(diagnosis.Fix));
    }

    [Theory]
    [InlineData("not replacing default route to eth0 [192.168.1.1]", "default-route-kept", DiagnosisSeverity.Warning)]
    [InlineData("Cannot determine ethernet address for proxy ARP", "proxyarp-no-ethernet", DiagnosisSeverity.Warning)]
    [InlineData("IPv6 socket creation failed: Address family not supported by protocol", "ipv6-noise", DiagnosisSeverity.Info)]
    [InlineData("sif6addr: ioctl(SIOCSIFADDR): No such device (line 2891)", "ipv6-noise", DiagnosisSeverity.Info)]
    [InlineData("Connect: ppp0 <--> /dev/pts/1", "link-up", DiagnosisSeverity.Info)]
    [InlineData("CHAP authentication succeeded", "authenticated", DiagnosisSeverity.Info)]
    [InlineData("MPPE 128-bit stateless compression enabled", "mppe-up", DiagnosisSeverity.Info)]
    [InlineData("local  IP address 192.168.0.10", "ip-up", DiagnosisSeverity.Info)]
    [InlineData("anon warn[decaps_gre:pptp_gre.c:427]: short read (-1): Message too long", null, null)]
    public void Warnings_and_success_markers_have_their_own_severity(string message, string? code, DiagnosisSeverity? severity)
    {
        var diagnosis = DiagnosisCatalog.MatchLine(message);
        Assert.Equal(code, diagnosis?.Code);
        Assert.Equal(severity, diagnosis?.Severity);
    }

    [Theory]
    [InlineData("pppd 2.4.9 started by root, uid 0")]
    [InlineData("Using interface ppp0")]
    [InlineData("sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5b1e>]")]
    [InlineData("Started Session 42 of User root.")]
    [InlineData("")]
    public void An_ordinary_line_carries_no_diagnosis(string message)
    {
        Assert.Null(DiagnosisCatalog.MatchLine(message));
        Assert.False(DiagnosisCatalog.HasDiagnosis(message));
    }

    [Fact]
    public void An_ms_chap_691_names_the_user_and_the_secrets_file()
    {
        var diagnosis = DiagnosisCatalog.MatchLine("MS-CHAP authentication failed: E=691 Authentication failure", Alice)!;

        Assert.Equal("Authentication failed: the server rejected alice (MS-CHAP error 691: wrong user name or password).", diagnosis.Cause);
        Assert.Equal("Check the password for alice/myvpn in /etc/ppp/chap-secrets.", diagnosis.Fix);
        Assert.Equal(DiagnosisSeverity.Failure, diagnosis.Severity);
    }

    [Fact]
    public void A_pptp_links_modem_hangup_says_the_shared_control_connection_closed_and_names_the_server()
    {
        var diagnosis = DiagnosisCatalog.MatchLine("Modem hangup", Alice with { IsPptp = true })!;

        Assert.Equal("modem-hangup", diagnosis.Code);
        Assert.Contains("control connection to vpn.example.net ended", diagnosis.Cause);
        Assert.Contains("Dial one profile per PPTP server at a time", diagnosis.Fix);
    }

    [Fact]
    public void A_modem_hangup_of_another_kind_with_a_server_is_not_called_a_pptp_call()
    {
        // L2TP dials carry the LNS as the server too; its hangup is not pptp's control connection.
        var diagnosis = DiagnosisCatalog.MatchLine("Modem hangup", Alice)!;

        Assert.DoesNotContain("PPTP", diagnosis.Cause);
    }

    [Theory]
    [InlineData("E=649 No dialin permission", "dial-in permission")]
    [InlineData("E=648 Password expired", "expired")]
    [InlineData("E=647 Account disabled", "disabled")]
    [InlineData("E=646 Restricted logon hours", "time of day")]
    public void Each_ms_chap_error_code_gets_its_own_cause(string serverText, string expected)
    {
        var diagnosis = DiagnosisCatalog.MatchLine("MS-CHAP authentication failed: " + serverText, Alice)!;
        Assert.Contains(expected, diagnosis.Cause);
    }

    [Fact]
    public void Every_exit_status_from_0_to_21_has_a_distinct_cause_and_fix()
    {
        var all = Enumerable.Range(0, 22).Select(s => DiagnosisCatalog.ForExitStatus(s, Alice)).ToList();

        Assert.All(all, d => Assert.False(string.IsNullOrWhiteSpace(d.Cause)));
        Assert.All(all, d => Assert.False(string.IsNullOrWhiteSpace(d.Fix)));
        Assert.Equal(22, all.Select(d => d.Cause).Distinct().Count());
        Assert.Equal(22, all.Select(d => d.Fix).Distinct().Count());
        Assert.Equal(22, all.Select(d => d.Code).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 22).Cast<int?>(), all.Select(d => d.ExitStatus));
    }

    [Fact]
    public void An_undefined_exit_status_is_still_explained()
    {
        var diagnosis = DiagnosisCatalog.ForExitStatus(42);
        Assert.Contains("42", diagnosis.Cause);
        Assert.Equal(DiagnosisSeverity.Failure, diagnosis.Severity);
    }

    /// <summary>One dial's log and exit status, and the diagnosis it must get.</summary>
    public sealed record ExplainCase(string[] Log, int? ExitStatus, string Code, bool WithContext = true)
    {
        public string[] CauseHas { get; init; } = [];
        public string[] FixHas { get; init; } = [];
        public string? Evidence { get; init; }
    }

    public static TheoryData<string, ExplainCase> ExplainCases => new()
    {
        {
            "The most specific line wins over the exit status",
            new([
                "pppd 2.4.9 started by root, uid 0",
                "Using interface ppp0",
                "Connect: ppp0 <--> /dev/pts/1",
                "MS-CHAP authentication failed: E=691 Authentication failure",
                "CHAP authentication failed",
                "Modem hangup",
                "Connection terminated.",
            ], 19, "auth-rejected") { CauseHas = ["691"], Evidence = "MS-CHAP authentication failed: E=691 Authentication failure" }
        },
        {
            "IPv6 noise never wins",
            new([
                "IPv6 socket creation failed: Address family not supported by protocol",
                "Connect: ppp0 <--> /dev/pts/1",
                "IPv6 socket creation failed: Address family not supported by protocol",
            ], 16, "exit-16-hangup")
        },
        {
            "An LCP timeout after the PPTP call was established means GRE is blocked",
            new([
                "anon log[main:pptp.c:353]: The synchronous pptp option is NOT activated",
                "anon log[ctrlp_rep:pptp_ctrl.c:259]: Sent control packet type is 1 'Start-Control-Connection-Request'",
                "anon log[ctrlp_disp:pptp_ctrl.c:858]: Outgoing call established (call ID 0, peer's call ID 1024).",
                "Using interface ppp0",
                "Connect: ppp0 <--> /dev/pts/1",
                "LCP: timeout sending Config-Requests",
                "Connection terminated.",
                "Modem hangup",
            ], 10, "gre-blocked") { CauseHas = ["GRE", "vpn.example.net"], Evidence = "LCP: timeout sending Config-Requests" }
        },
        {
            "An LCP timeout without a PPTP call stays an LCP timeout",
            new(["LCP: timeout sending Config-Requests", "Modem hangup"], 10, "lcp-timeout", WithContext: false)
        },
        {
            "The first of equally specific failures wins because later ones are its echo",
            new([
                "anon warn[open_inetsock:pptp_callmgr.c:329]: connect: Connection refused",
                "anon fatal[main:pptp.c:348]: Could not open control connection to 203.0.113.7",
                "Modem hangup",
            ], 16, "pptp-connect-failed") { CauseHas = ["refused"] }
        },
        {
            "A user stop is explained by its signal line",
            new(["Connect: ppp0 <--> /dev/pts/1", "Terminating on signal 15"], 5, "stopped-by-signal", WithContext: false)
        },
        {
            "Without a telling line the exit status explains",
            new(["Using interface ppp0", "Connection terminated."], 15, "exit-15-peer-dead")
        },
        {
            "A warning explains a link that came up",
            new(["Connect: ppp0 <--> /dev/pts/1", "not replacing default route to eth0 [10.0.2.2]"], 0, "default-route-kept", WithContext: false)
        },
        {
            "Nothing to go on says so and suggests debug",
            new(["Using interface ppp0"], null, "no-diagnosis") { FixHas = ["debug", "/etc/ppp/peers/myvpn"] }
        },
    };

    [Theory]
    [MemberData(nameof(ExplainCases))]
    public void A_dials_log_and_exit_status_are_explained_by_the_line_that_tells_most(string rule, ExplainCase dial)
    {
        var diagnosis = DiagnosisCatalog.Explain(dial.Log, dial.ExitStatus, dial.WithContext ? Alice : null);

        // The case's sentence stands in a failure next to the code.
        Assert.Equal((rule, dial.Code), (rule, diagnosis.Code));
        Assert.Equal(dial.ExitStatus, diagnosis.ExitStatus);
        Assert.All(dial.CauseHas, part => Assert.Contains(part, diagnosis.Cause));
        Assert.All(dial.FixHas, part => Assert.Contains(part, diagnosis.Fix));
        if (dial.Evidence is not null) Assert.Equal(dial.Evidence, diagnosis.Evidence);
    }

    [Fact]
    public void Without_a_context_the_text_stays_general()
    {
        var diagnosis = DiagnosisCatalog.MatchLine("MS-CHAP authentication failed: E=691 Authentication failure")!;
        Assert.Contains("our user name", diagnosis.Cause);
        Assert.Contains("/etc/ppp/chap-secrets", diagnosis.Fix);
    }
}

public class DiagnosisPrefilterTests
{
    [Fact]
    public void Every_rule_keyword_contains_a_prefilter_anchor_so_no_rule_is_skipped()
    {
        foreach (var keyword in DiagnosisCatalog.RuleKeywords)
            Assert.True(DiagnosisCatalog.Anchors.Any(a => keyword.Contains(a, StringComparison.Ordinal)), $"'{keyword}' has no anchor");
    }

    [Fact]
    public void Missed_echoes_are_explained_as_keepalives_in_seconds_with_the_effective_settings()
    {
        var context = new DiagnosisContext(ProfileName: "myvpn") { LcpEchoInterval = 10, LcpEchoFailure = 4 };

        var d = DiagnosisCatalog.MatchLine("No response to 4 echo-requests", context)!;

        Assert.Equal("peer-dead", d.Code);
        Assert.Contains("the peer stopped answering keepalives after 4 x 10 seconds", d.Cause, StringComparison.OrdinalIgnoreCase);
        Assert.All(["about 40 s", "lcp-echo-interval 10"], part => Assert.Contains(part, d.Cause));
        Assert.All(["lcp-echo-failure 8", "/etc/ppp/peers/myvpn"], part => Assert.Contains(part, d.Fix));
    }

    [Fact]
    public void The_dialers_context_carries_the_effective_lcp_echo_settings()
    {
        var options = new Core.Dialing.PeerOptions(new Dictionary<string, string?> { ["lcp-echo-interval"] = "30", ["lcp-echo-failure"] = "3" });

        var context = Core.Dialing.DiagnosisContexts.For("myvpn", options);

        Assert.Equal(30, context.LcpEchoInterval);
        Assert.Equal(3, context.LcpEchoFailure);
        Assert.Contains("after 3 x 30 seconds", DiagnosisCatalog.MatchLine("No response to 3 echo-requests", context)!.Cause);
    }
}
