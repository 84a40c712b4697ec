using PppTui.Core.Dialing;

namespace PppTui.Core.Tests.Dialing;

public class ExitStatusDiagnoserTests
{
    private static readonly LinkDiagnosisContext Context = new("myvpn");

    [Fact]
    public void Every_pppd_exit_status_has_its_own_cause_and_fix()
    {
        var diagnoser = new ExitStatusDiagnoser();

        var codes = Enumerable.Range(0, 22).Select(s => diagnoser.ForExitStatus(s, Context)).ToList();

        Assert.Equal(22, codes.Select(d => d.Code).Distinct().Count());
        Assert.All(codes, d => Assert.False(string.IsNullOrWhiteSpace(d.Cause)));
        Assert.All(codes, d => Assert.False(string.IsNullOrWhiteSpace(d.Fix)));
        Assert.Equal(LinkDiagnosisSeverity.Info, codes[0].Severity);
        Assert.All(codes.Skip(1), d => Assert.Equal(LinkDiagnosisSeverity.Failure, d.Severity));
        Assert.Equal("auth-failed", codes[19].Code);
        Assert.Equal("no-kernel-ppp", codes[4].Code);
    }

    [Fact]
    public void A_process_killed_by_a_signal_and_an_unknown_status_are_still_explained()
    {
        var diagnoser = new ExitStatusDiagnoser();

        Assert.Equal("killed", diagnoser.ForExitStatus(137, Context).Code);
        Assert.Contains("SIGKILL", diagnoser.ForExitStatus(137, Context).Cause);
        Assert.Equal("exit-99", diagnoser.ForExitStatus(99, Context).Code);
    }

    [Fact]
    public void The_evidence_is_the_last_error_line_and_never_an_ipv6_complaint()
    {
        string[] lines =
        [
            "Using interface ppp0",
            "LCP: timeout sending Config-Requests",
            "IPv6 socket creation failed",
            "sif6addr failed",
        ];

        var diagnosis = new ExitStatusDiagnoser().Explain(lines, 10, Context)!;

        Assert.Equal("negotiation-failed", diagnosis.Code);
        Assert.Equal("LCP: timeout sending Config-Requests", diagnosis.Evidence);
        Assert.Null(new ExitStatusDiagnoser().Explain(lines, null, Context));
    }
}
